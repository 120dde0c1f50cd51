extension ImageFormat {
    /// The format announced by the first bytes (PNG signature, JPEG SOI + marker, RIFF/WEBP),
    /// without looking any further. Nil for anything else, including too few bytes.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return .png
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            return .jpeg
        }
        if bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    /// Formats that are images but not ones Easel decodes, named so the error can say so.
    public static func otherImageKind(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) {
            return "GIF images"
        }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return "TIFF images"
        }
        if bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8) {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if brand.hasPrefix("avi") { return "AVIF images" }
            if brand.hasPrefix("hei") || brand.hasPrefix("mif1") { return "HEIF images" }
        }
        if bytes.count >= 26, bytes.starts(with: Array("BM".utf8)) {
            return "BMP images"
        }
        return nil
    }

    /// The name users know the format by.
    public var displayName: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .webp: "WebP"
        }
    }
}
