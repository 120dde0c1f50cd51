/// The text of a bracketed paste as it arrives, one scalar at a time.
///
/// Line ends are normalised to `\n` (terminals paste CR, and Windows text CRLF); other control
/// characters except tab are dropped, since a paste only carries text. Past
/// `KeyDecoder.pasteLimit` bytes the rest is ignored.
struct PasteText: Sendable {
    private var scalars = String.UnicodeScalarView()
    private var byteCount = 0
    private var afterCarriageReturn = false

    /// Adds one scalar value from the terminal.
    mutating func append(_ value: UInt32) {
        defer { afterCarriageReturn = value == 0x0D }
        switch value {
        case 0x0D:
            add("\n")
        case 0x0A:
            if !afterCarriageReturn { add("\n") }
        case 0x09:
            add("\t")
        case 0x00...0x1F, 0x7F...0x9F:
            break
        default:
            if let scalar = Unicode.Scalar(value) { add(scalar) }
        }
    }

    /// The paste as a string.
    var finished: String { String(scalars) }

    private mutating func add(_ scalar: Unicode.Scalar) {
        let size = UTF8.width(scalar)
        guard byteCount + size <= KeyDecoder.pasteLimit else { return }
        byteCount += size
        scalars.append(scalar)
    }
}
