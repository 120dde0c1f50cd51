import Foundation
import Testing
@testable import EaselImage

/// A PNG stream built chunk by chunk, with correct CRCs, for headers no encoder would write.
private func handMadePNG(width: UInt32, height: UInt32, bitDepth: UInt8 = 8, colourType: UInt8 = 2) -> [UInt8] {
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let crc = CRC32.checksum(of: typeBytes + data)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc)
    }
    func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    let header = bigEndian(width) + bigEndian(height) + [bitDepth, colourType, 0, 0, 0]
    // A stored (uncompressed) zlib block holding one filter byte: far too little data, on purpose.
    let idat: [UInt8] = [0x78, 0x01, 0x01, 0x01, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x01, 0x00, 0x01]
    return PNGEncoder.signature + chunk("IHDR", header) + chunk("IDAT", idat) + chunk("IEND", [])
}

@Suite("Image decoding: hostile and broken input")
struct DecoderRobustnessTests {
    static let fixtures: [(file: String, format: ImageFormat)] = [
        ("png_rgb8.png", .png), ("png_rgba8.png", .png), ("png_rgb16.png", .png), ("png_palette_trns.png", .png),
        ("png_grey1.png", .png), ("png_adam7.png", .png),
        ("jpeg_baseline.jpg", .jpeg), ("jpeg_progressive.jpg", .jpeg), ("jpeg_grey.jpg", .jpeg), ("jpeg_cmyk.jpg", .jpeg),
        ("webp_lossy.webp", .webp), ("webp_lossless.webp", .webp), ("webp_alpha.webp", .webp),
        ("webp_animated.webp", .webp),
    ]

    @Test("every cut-short file is reported as truncated", arguments: fixtures)
    func truncated(file: String, format: ImageFormat) throws {
        let bytes = try DecoderFixtures.bytes(file)
        // Just past the signature, inside the header, mid-data, near the end, and one byte short.
        let cuts = Set([16, 40, bytes.count / 2, bytes.count * 9 / 10, bytes.count - 1]).sorted()
        for cut in cuts where cut < bytes.count {
            #expect(throws: ImageDecodingError.truncated(format), "cut at \(cut) of \(bytes.count)") {
                try ImageDecoder.decode(Array(bytes[..<cut]))
            }
        }
    }

    @Test("random bytes are not an image")
    func garbage() {
        var random = SplitMix64(seed: 7)
        for length in [0, 1, 7, 64, 4096] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(throws: ImageDecodingError.notAnImage) { try ImageDecoder.decode(bytes) }
        }
    }

    @Test("random bytes behind a real signature fail cleanly", arguments: [ImageFormat.png, .jpeg, .webp])
    func garbageAfterSignature(format: ImageFormat) {
        let prefix: [UInt8] =
            switch format {
            case .png: PNGEncoder.signature
            case .jpeg: [0xFF, 0xD8, 0xFF]
            case .webp: Array("RIFF".utf8) + [200, 0, 0, 0] + Array("WEBP".utf8)
            }
        var random = SplitMix64(seed: 99)
        for round in 0..<50 {
            let bytes = prefix + (0..<200).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            do {
                _ = try ImageDecoder.decode(bytes)
                Issue.record("round \(round) decoded random bytes")
            } catch {
                switch error {
                case .truncated(format), .corrupt(format, _), .invalidSize(format, _, _), .tooLarge(format, _, _, _):
                    break
                default:
                    Issue.record("round \(round): unexpected \(error)")
                }
            }
        }
    }

    @Test("flipping a byte inside a PNG's image data is a corrupt error carrying libpng's reason")
    func corruptPNG() throws {
        var bytes = try DecoderFixtures.bytes("png_rgb8.png")
        let offset = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("IDAT".utf8)) }) + 8
        bytes[offset] ^= 0x55
        do {
            _ = try ImageDecoder.decode(bytes)
            Issue.record("a damaged PNG decoded")
        } catch {
            guard case .corrupt(.png, let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            // zlib notices the damage before the chunk's CRC is checked.
            #expect(message.hasPrefix("IDAT: "))
        }
    }

    @Test("a bad CRC on an ancillary PNG chunk is only a warning")
    func ancillaryCRC() throws {
        let image = PNGTestSupport.pattern(width: 5, height: 3)
        var bytes = try PNGEncoder.encode(image, textChunks: [(keyword: "Comment", text: "hello")])
        let text = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("tEXt".utf8)) })
        bytes[text + 4 + "Comment".utf8.count + 1 + 5] ^= 0xFF  // first CRC byte
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.image == RGBAImage(opaque: image))
    }

    @Test("stray bytes between JPEG segments are only a warning")
    func jpegExtraneousBytes() throws {
        let bytes = try DecoderFixtures.bytes("jpeg_grey.jpg")
        let clean = try ImageDecoder.decode(bytes)
        let sos = try #require(bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA })
        let padded = Array(bytes[..<sos]) + [0x00, 0x11, 0x22] + Array(bytes[sos...])
        #expect(try ImageDecoder.decode(padded) == clean)
    }

    @Test("a PNG declaring 100000×100000 is refused from its header, naming the size")
    func hugePNG() {
        let bytes = handMadePNG(width: 100_000, height: 100_000)
        let expected = ImageDecodingError.tooLarge(format: .png, width: 100_000, height: 100_000, limits: .standard)
        #expect(throws: expected) { try ImageDecoder.decode(bytes) }
        #expect(expected.description == "The PNG is 100000×100000 pixels, over the 8192×8192 limit.")
    }

    @Test("a size within each side but over the pixel cap names the megapixel limit")
    func overPixelCap() {
        let bytes = handMadePNG(width: 8192, height: 8000)
        let expected = ImageDecodingError.tooLarge(format: .png, width: 8192, height: 8000, limits: .standard)
        #expect(throws: expected) { try ImageDecoder.decode(bytes) }
        #expect(expected.description == "The PNG is 8192×8000 pixels, over the 64-megapixel limit.")
    }

    @Test("zero and impossible sizes are refused as invalid", arguments: [
        (UInt32(0), UInt32(17)), (33, 0), (0x8000_0000, 1), (1, 0xFFFF_FFFF),
    ])
    func invalidSizes(width: UInt32, height: UInt32) {
        #expect(throws: ImageDecodingError.invalidSize(format: .png, width: Int(width), height: Int(height))) {
            try ImageDecoder.decode(handMadePNG(width: width, height: height))
        }
    }

    @Test("libpng enforces the caps itself when the header check is bypassed")
    func libpngLimits() throws {
        let bytes = try DecoderFixtures.bytes("png_rgb8.png")
        let narrow = DecodeLimits(maxWidth: 32, maxHeight: 100)
        #expect(throws: ImageDecodingError.tooLarge(format: .png, width: 33, height: 17, limits: narrow)) {
            try PNGReader.decode(bytes, limits: narrow)
        }
        let few = DecodeLimits(maxPixels: 33 * 17 - 1)
        #expect(throws: ImageDecodingError.tooLarge(format: .png, width: 33, height: 17, limits: few)) {
            try PNGReader.decode(bytes, limits: few)
        }
        #expect(try PNGReader.decode(bytes, limits: DecodeLimits(maxWidth: 33, maxHeight: 17, maxPixels: 33 * 17)).image.width == 33)
    }

    @Test("a PNG with too little image data for its IHDR is corrupt, not a crash")
    func lyingPNG() {
        #expect(throws: ImageDecodingError.corrupt(.png, "Not enough image data")) {
            try ImageDecoder.decode(handMadePNG(width: 64, height: 64))
        }
    }

    @Test("libjpeg and libwebp enforce the caps themselves when the header check is bypassed")
    func libraryLimits() throws {
        let jpeg = try DecoderFixtures.bytes("jpeg_baseline.jpg")
        let short = DecodeLimits(maxWidth: 100, maxHeight: 15)
        #expect(throws: ImageDecodingError.tooLarge(format: .jpeg, width: 32, height: 16, limits: short)) {
            try JPEGReader.decode(jpeg, limits: short)
        }
        let webp = try DecoderFixtures.bytes("webp_lossless.webp")
        let few = DecodeLimits(maxPixels: 100)
        #expect(throws: ImageDecodingError.tooLarge(format: .webp, width: 33, height: 17, limits: few)) {
            try WebPReader.decode(webp, limits: few)
        }
    }

    @Test("a JPEG whose second frame header is larger than the first is refused by libjpeg")
    func jpegWithTwoFrames() throws {
        let bytes = try DecoderFixtures.bytes("jpeg_grey.jpg")
        let sof = try #require(bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        let length = Int(bytes[sof + 2]) << 8 | Int(bytes[sof + 3])
        var second = Array(bytes[sof..<(sof + 2 + length)])
        second[5...8] = [0x7F, 0xFF, 0x7F, 0xFF]  // 32767×32767
        let doubled = Array(bytes[..<sof]) + Array(bytes[sof..<(sof + 2 + length)]) + second + Array(bytes[(sof + 2 + length)...])
        // ImageHeader sees the first, small frame; libjpeg refuses the duplicate before sizing anything.
        #expect(ImageHeader(doubled) == ImageHeader(format: .jpeg, width: 32, height: 16))
        #expect(throws: ImageDecodingError.corrupt(.jpeg, "Invalid JPEG file structure: two SOF markers")) {
            try ImageDecoder.decode(doubled)
        }
    }

    @Test("other image formats are named as unsupported", arguments: [
        ("GIF89a", "GIF images"), ("II*\u{0}", "TIFF images"),
    ])
    func otherFormats(prefix: String, kind: String) {
        let bytes = Array(prefix.utf8) + [UInt8](repeating: 0, count: 32)
        #expect(throws: ImageDecodingError.unsupported(kind)) { try ImageDecoder.decode(bytes) }
    }

    @Test("a file over the byte cap is refused from its size alone")
    func fileTooLarge() throws {
        let path = try DecoderFixtures.path("png_rgb16.png")
        let limits = DecodeLimits(maxFileBytes: 1000)
        #expect(throws: ImageDecodingError.fileTooLarge(bytes: 1455, limit: 1000)) {
            try ImageDecoder.decode(fileAt: path, limits: limits)
        }
        #expect(ImageDecodingError.fileTooLarge(bytes: 70 << 20, limit: 64 << 20).description
            == "The file is 70 MiB, over the 64 MiB limit.")
    }

    @Test("missing files and directories are unreadable, with the system's reason")
    func unreadable() {
        #expect(throws: ImageDecodingError.unreadableFile(path: "/nonexistent/x.png", reason: "No such file or directory")) {
            try ImageDecoder.decode(fileAt: "/nonexistent/x.png")
        }
        #expect(throws: ImageDecodingError.unreadableFile(path: "/tmp", reason: "it is a directory")) {
            try ImageDecoder.decode(fileAt: "/tmp")
        }
    }

    @Test("every error reads as one line", arguments: [
        ImageDecodingError.notAnImage, .unsupported("GIF images"), .invalidSize(format: .webp, width: 0, height: 3),
        .truncated(.jpeg), .corrupt(.png, "IDAT: CRC error"), .outOfMemory(.webp),
        .unreadableFile(path: "/a", reason: "Permission denied"),
    ])
    func oneLine(error: ImageDecodingError) {
        #expect(!error.description.isEmpty)
        #expect(!error.description.contains("\n"))
        #expect(error.description.hasSuffix("."))
    }
}
