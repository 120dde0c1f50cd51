/// Hand-rolled decimal formatting for the byte writers, which run once per cell: no String,
/// no Foundation, just digit bytes stored through a pointer.
enum DecimalDigits {
    /// For each value 0–255: its digit count, then up to three ASCII digits.
    static let byteTable: [UInt8] = (0...255).flatMap { value -> [UInt8] in
        let digits = Array(String(value).utf8)
        return [UInt8(digits.count)] + digits + [UInt8](repeating: 0, count: 3 - digits.count)
    }

    /// Writes `value` (0–255) from `table` (a pointer to `byteTable`) at `out` and advances it.
    @inline(__always)
    static func writeByte(_ value: UInt32, table: UnsafePointer<UInt8>, to out: inout UnsafeMutablePointer<UInt8>) {
        let entry = table + Int(value) * 4
        let count = Int(entry[0])
        out[0] = entry[1]
        out[1] = entry[2]
        out[2] = entry[3]
        out += count
    }

    /// Appends any non-negative integer's decimal digits to `bytes`.
    static func append(_ value: Int, to bytes: inout [UInt8]) {
        precondition(value >= 0, "only non-negative numbers are written")
        if value >= 10 { append(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
