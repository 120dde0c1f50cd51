/// The two byte orders a TIFF (Exif) block may use, named by its header ("MM" or "II").
enum ByteOrder: Sendable, Equatable {
    case bigEndian
    case littleEndian

    /// Reads an unsigned 16-bit value at `offset`, or nil when it would run past the end.
    func uint16(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Int? {
        guard offset >= bytes.startIndex, offset <= bytes.endIndex - 2 else { return nil }
        let first = Int(bytes[offset])
        let second = Int(bytes[offset + 1])
        return self == .bigEndian ? first << 8 | second : second << 8 | first
    }

    /// Reads an unsigned 32-bit value at `offset`, or nil when it would run past the end.
    func uint32(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Int? {
        guard let high = uint16(bytes, at: self == .bigEndian ? offset : offset + 2),
            let low = uint16(bytes, at: self == .bigEndian ? offset + 2 : offset)
        else { return nil }
        return high << 16 | low
    }

    /// Appends `value` as two bytes in this order.
    func append16(_ value: Int, to bytes: inout [UInt8]) {
        let high = UInt8(truncatingIfNeeded: value >> 8)
        let low = UInt8(truncatingIfNeeded: value)
        bytes += self == .bigEndian ? [high, low] : [low, high]
    }

    /// Appends `value` as four bytes in this order.
    func append32(_ value: Int, to bytes: inout [UInt8]) {
        if self == .bigEndian {
            append16(value >> 16, to: &bytes)
            append16(value, to: &bytes)
        } else {
            append16(value, to: &bytes)
            append16(value >> 16, to: &bytes)
        }
    }
}
