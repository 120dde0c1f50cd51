/// The format and dimensions of an image, read from its header without decoding it, so sizes can
/// be checked and recorded before (and without) any large allocation.
public struct ImageHeader: Sendable, Hashable {
    public var format: ImageFormat
    public var width: Int
    public var height: Int

    /// Reads the header from the first bytes of a file (a few kilobytes are usually enough; JPEGs
    /// with large metadata blocks may need more). Nil when the bytes are not PNG, JPEG or WebP or
    /// the header is cut short or declares a zero size.
    public init?(_ bytes: some RandomAccessCollection<UInt8>) {
        guard let parsed = Self.declared(Array(bytes)), parsed.width > 0, parsed.height > 0 else { return nil }
        self = parsed
    }

    /// The header exactly as declared, zero sizes included, so a decoder can tell a missing
    /// header apart from one that declares an empty image. Nil when there is no readable header.
    static func declared(_ bytes: [UInt8]) -> ImageHeader? {
        switch ImageFormat.sniff(bytes) {
        case .png: png(bytes)
        case .jpeg: jpeg(bytes)
        case .webp: webp(bytes)
        case nil: nil
        }
    }

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    private static func be32(_ b: [UInt8], _ i: Int) -> Int { be16(b, i) << 16 | be16(b, i + 2) }
    private static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func le24(_ b: [UInt8], _ i: Int) -> Int { le16(b, i) | Int(b[i + 2]) << 16 }

    private static func png(_ b: [UInt8]) -> ImageHeader? {
        guard b.count >= 24, b[12..<16].elementsEqual("IHDR".utf8) else { return nil }
        return ImageHeader(format: .png, width: be32(b, 16), height: be32(b, 20))
    }

    /// Walks the JPEG markers to the first start-of-frame, which holds the dimensions.
    private static func jpeg(_ b: [UInt8]) -> ImageHeader? {
        var i = 2
        while i + 3 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill bytes
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = be16(b, i + 2)
            guard length >= 2 else { return nil }
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame {
                guard i + 8 < b.count else { return nil }
                return ImageHeader(format: .jpeg, width: be16(b, i + 7), height: be16(b, i + 5))
            }
            i += 2 + length
        }
        return nil
    }

    private static func webp(_ b: [UInt8]) -> ImageHeader? {
        guard b.count >= 30 else { return nil }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            // Frame tag (3 bytes) then the start code 9D 01 2A, then 14-bit width and height.
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            return ImageHeader(format: .webp, width: le16(b, 26) & 0x3FFF, height: le16(b, 28) & 0x3FFF)
        case "VP8L":
            guard b[20] == 0x2F else { return nil }
            let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
            return ImageHeader(format: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return ImageHeader(format: .webp, width: le24(b, 24) + 1, height: le24(b, 27) + 1)
        default:
            return nil
        }
    }
}
