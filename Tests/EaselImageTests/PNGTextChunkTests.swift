import Testing
@testable import EaselImage

@Suite("PNG text chunks")
struct PNGTextChunkTests {
    let image = PNGTestSupport.pattern(width: 8, height: 4)

    @Test("CRC-32 matches the standard check value")
    func crcCheckValue() {
        #expect(CRC32.checksum(of: Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(of: []) == 0)
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        #expect(CRC32.checksum(of: bytes) == PNGTestSupport.slowCRC32(bytes))
        #expect(CRC32.update(CRC32.checksum(of: bytes[..<300]), with: bytes[300...]) == CRC32.checksum(of: bytes))
    }

    @Test("Latin-1 text becomes tEXt right after IHDR with a correct CRC")
    func latin1GoesToText() throws {
        let bytes = try PNGEncoder.encode(image, textChunks: [("prompt", "café at dawn"), ("seed", "42")])
        let chunks = try #require(PNGTestSupport.chunks(bytes))
        #expect(chunks.map(\.type).prefix(3) == ["IHDR", "tEXt", "tEXt"])
        #expect(chunks[1].data == Array("prompt".utf8) + [0] + [0x63, 0x61, 0x66, 0xE9] + Array(" at dawn".utf8))
        #expect(chunks[2].data == Array("seed\u{0}42".utf8))
        for chunk in chunks {
            #expect(chunk.storedCRC == PNGTestSupport.slowCRC32(Array(chunk.type.utf8) + chunk.data), "\(chunk.type)")
        }
    }

    @Test("other text becomes uncompressed iTXt")
    func unicodeGoesToInternationalText() throws {
        let text = "海辺の灯台 🌊"
        let bytes = try PNGEncoder.encode(image, textChunks: [("Description", text)])
        let chunk = try #require(PNGTestSupport.chunks(bytes)?[1])
        #expect(chunk.type == "iTXt")
        #expect(chunk.data == Array("Description".utf8) + [0, 0, 0, 0, 0] + Array(text.utf8))
        #expect(chunk.storedCRC == PNGTestSupport.slowCRC32(Array("iTXt".utf8) + chunk.data))
    }

    @Test("libpng reads text-bearing files without warnings, and does warn on a bad CRC")
    func libpngAcceptsChunks() throws {
        var bytes = try PNGEncoder.encode(image, textChunks: [("prompt", "lighthouse"), ("note", "→ unicode")])
        let clean = try #require(PNGTestSupport.decode(bytes))
        #expect(clean.warningOrError == 0, "\(clean.message)")
        #expect(clean.image == image)

        // Flip one CRC bit of the first text chunk: 8 signature + 25 IHDR + 12 + "prompt\0lighthouse".
        let crcOffset = 8 + 25 + 8 + 17
        bytes[crcOffset] ^= 0x01
        let damaged = try #require(PNGTestSupport.decode(bytes))
        #expect(damaged.warningOrError != 0, "a clean read above must mean the CRCs were checked")
    }

    @Test(
        "invalid keywords are refused",
        arguments: ["", " lead", "trail ", "two  spaces", String(repeating: "k", count: 80), "tab\there", "日本", "nul\u{0}"])
    func invalidKeyword(keyword: String) {
        #expect(throws: ImageEncodingError.invalidTextKeyword(keyword)) {
            try PNGEncoder.encode(image, textChunks: [(keyword, "text")])
        }
    }

    @Test("valid edge-case keywords are accepted", arguments: ["a", "Creation Time", "Größe", String(repeating: "k", count: 79)])
    func validKeyword(keyword: String) throws {
        let bytes = try PNGEncoder.encode(image, textChunks: [(keyword, "v")])
        #expect(PNGTestSupport.chunks(bytes)?[1].type == "tEXt")
    }

    @Test("text containing NUL is refused")
    func nulInText() {
        #expect(throws: ImageEncodingError.invalidTextValue(keyword: "prompt")) {
            try PNGEncoder.encode(image, textChunks: [("prompt", "a\u{0}b")])
        }
    }

    @Test("error messages are single lines")
    func messagesAreOneLine() {
        let errors: [ImageEncodingError] = [
            .emptyImage(width: 0, height: 0), .imageTooLarge(width: 1, height: 2, format: "JPEG"),
            .invalidQuality(0), .invalidTextKeyword("x "), .invalidTextValue(keyword: "k"),
            .pngLibraryFailure("boom"), .jpegLibraryFailure("bang"),
        ]
        for error in errors {
            #expect(!error.description.isEmpty)
            #expect(!error.description.contains("\n"))
        }
    }
}
