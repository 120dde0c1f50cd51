import CZlib
import Testing
@testable import EaselImage

@Suite("PNG metadata")
struct MetadataPNGTests {
    let image = PNGTestSupport.pattern(width: 12, height: 7)
    let record = MetadataTestSupport.record

    @Test("Latin-1 infotext goes in a tEXt chunk and the record in an easel iTXt, both after IHDR")
    func writesChunks() throws {
        let png = try PNGEncoder.encode(image)
        let infotext = MetadataTestSupport.infotext
        let written = try ImageMetadataWriter.embed(infotext: infotext, record: record, into: png)
        #expect(written.notes.isEmpty)
        let chunks = try #require(PNGTestSupport.chunks(written.bytes))
        #expect(chunks.map(\.type).prefix(3) == ["IHDR", "tEXt", "iTXt"])
        #expect(chunks[1].data == Array("parameters\u{0}".utf8) + infotext.unicodeScalars.map { UInt8($0.value) })
        #expect(chunks[2].data == Array("easel".utf8) + [0, 0, 0, 0, 0] + Array(try record.jsonText().utf8))
        for chunk in chunks {
            #expect(chunk.storedCRC == PNGTestSupport.slowCRC32(Array(chunk.type.utf8) + chunk.data), "\(chunk.type)")
        }
        try MetadataTestSupport.export(written.bytes, name: "easel.png", infotext: infotext, record: record)
    }

    @Test("text beyond Latin-1 goes in iTXt, and both entries read back exactly")
    func unicodeRoundTrip() throws {
        var record = record
        record.prompts = [.init(text: "海辺の灯台 🌊"), .init(text: "ぼやけ", weight: -1)]
        let infotext = Infotext(record: record).text
        let written = try ImageMetadataWriter.embed(infotext: infotext, record: record, into: try PNGEncoder.encode(image))
        let chunks = try #require(PNGTestSupport.chunks(written.bytes))
        #expect(chunks[1].type == "iTXt")
        #expect(chunks[1].data == Array("parameters".utf8) + [0, 0, 0, 0, 0] + Array(infotext.utf8))
        let metadata = try ImageMetadataReader.read(written.bytes)
        #expect(metadata.text(for: "parameters") == infotext)
        #expect(metadata.easelRecord == record)
        #expect(metadata.infotext?.prompt == "海辺の灯台 🌊")
        #expect(metadata.infotext?.negativePrompt == "ぼやけ")
        #expect(metadata.sources.map(\.kind) == [.easel, .automatic1111])
        #expect(metadata.width == 12 && metadata.height == 7)
        try MetadataTestSupport.export(written.bytes, name: "easel-unicode.png", infotext: infotext, record: record)
    }

    @Test("the record survives JSON exactly, including −∞ weights and large usage numbers")
    func recordJSONRoundTrip() throws {
        var record = record
        record.prompts.append(.init(text: "never", weight: -.infinity))
        record.usage = .object(["seed": .number("18446744073709551615"), "ratio": .number("0.5"), "ok": .bool(true), "none": .null])
        let json = try record.jsonText()
        #expect(json.hasPrefix("{\"created_at\":\"2025-11-21T10:00:00Z\",\"credits\":0.04,\"easel\":1,"))
        #expect(json.contains("\"weight\":\"-Infinity\""))
        #expect(EaselImageRecord(jsonText: json) == record)
        let written = try ImageMetadataWriter.embed(infotext: "x", record: record, into: try PNGEncoder.encode(image))
        #expect(try ImageMetadataReader.read(written.bytes).easelRecord == record)
    }

    @Test("existing parameters and easel chunks are replaced; every other chunk is kept byte for byte")
    func replacesAndPreserves() throws {
        let base = try PNGEncoder.encode(image, textChunks: [("Title", "kept"), ("parameters", "old")])
        let foreign = MetadataTestSupport.chunk("tIME", [0x07, 0xE9, 1, 2, 3, 4, 5])
            + MetadataTestSupport.chunk("zTXt", Array("easel".utf8) + [0, 0] + zlibCompress(Array("{\"old\":1}".utf8)))
            + MetadataTestSupport.chunk("iTXt", Array("easel".utf8) + [0, 0, 0, 0, 0] + Array("{}".utf8))
        let png = MetadataTestSupport.inserting(foreign, intoPNG: base)
        let first = try ImageMetadataWriter.embed(infotext: "new", record: record, into: png).bytes
        let twice = try ImageMetadataWriter.embed(infotext: "new", record: record, into: first).bytes
        #expect(twice == first, "embedding again gives the same bytes")

        let before = try #require(PNGTestSupport.chunks(png))
        let after = try #require(PNGTestSupport.chunks(first))
        let isOurs: (RawPNGChunk) -> Bool = { chunk in
            ["tEXt", "zTXt", "iTXt"].contains(chunk.type)
                && (chunk.data.starts(with: Array("parameters\u{0}".utf8)) || chunk.data.starts(with: Array("easel\u{0}".utf8)))
        }
        #expect(after.filter(isOurs).count == 2)
        let keptBefore = before.filter { !isOurs($0) }
        let keptAfter = after.filter { !isOurs($0) }
        #expect(keptAfter.map(\.type) == keptBefore.map(\.type))
        #expect(keptAfter.map(\.data) == keptBefore.map(\.data))
        #expect(keptAfter.map(\.storedCRC) == keptBefore.map(\.storedCRC))
        #expect(keptBefore.map(\.type) == ["IHDR", "tIME", "tEXt", "sRGB", "IDAT", "IEND"])

        let decoded = try #require(PNGTestSupport.decode(first))
        #expect(decoded.warningOrError == 0, "\(decoded.message)")
        #expect(decoded.image == image)
        let metadata = try ImageMetadataReader.read(first)
        #expect(metadata.textEntries.map(\.keyword) == ["parameters", "easel", "Title"])
    }

    @Test("bytes after IEND are kept")
    func keepsTrailingBytes() throws {
        let png = try PNGEncoder.encode(image) + [1, 2, 3]
        let written = try ImageMetadataWriter.embed(infotext: "p", record: record, into: png).bytes
        #expect(written.suffix(15) == [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82, 1, 2, 3])
    }

    @Test("a NUL in the infotext is refused")
    func nulRefused() throws {
        let png = try PNGEncoder.encode(image)
        #expect(throws: ImageMetadataError.invalidText(keyword: "parameters")) {
            try ImageMetadataWriter.embed(infotext: "a\u{0}b", record: record, into: png)
        }
    }

    @Test("damaged PNGs are errors, never crashes")
    func damagedFiles() throws {
        let png = try ImageMetadataWriter.embed(infotext: "p", record: record, into: try PNGEncoder.encode(image)).bytes
        var badCRC = png
        badCRC[8 + 25 + 8 + 3] ^= 0x20  // a keyword byte of the parameters chunk
        #expect(throws: ImageMetadataError.malformedPNG("chunk 2 (tEXt) has a bad CRC")) { try ImageMetadataReader.read(badCRC) }
        #expect(throws: ImageMetadataError.malformedPNG("chunk 2 (tEXt) has a bad CRC")) {
            try ImageMetadataWriter.embed(infotext: "p", record: record, into: badCRC)
        }
        var hugeLength = png
        hugeLength[8 + 25] = 0x7F
        #expect(throws: ImageMetadataError.malformedPNG("chunk 2 (tEXt) is truncated")) { try ImageMetadataReader.read(hugeLength) }
        // Every cut of the file fails cleanly.
        for length in stride(from: 0, to: png.count, by: 7) {
            #expect(throws: ImageMetadataError.self) { try ImageMetadataReader.read(Array(png.prefix(length))) }
        }
        #expect(throws: ImageMetadataError.malformedPNG("the file ends inside chunk 6 (no IEND)")) {
            try ImageMetadataReader.read(Array(png.dropLast(12)))
        }
        #expect(throws: ImageMetadataError.unrecognizedFormat) { try ImageMetadataReader.read(Array("GIF89a".utf8)) }
    }

    @Test("a zTXt that inflates past the cap fails cleanly")
    func zipBomb() throws {
        let zeros = [UInt8](repeating: 0x41, count: ImageMetadataReader.inflateLimit + 1)
        let compressed = zlibCompress(zeros)
        #expect(compressed.count < 20_000)
        let bomb = MetadataTestSupport.chunk("zTXt", Array("Comment".utf8) + [0, 0] + compressed)
        let png = MetadataTestSupport.inserting(bomb, intoPNG: try PNGEncoder.encode(image))
        #expect(throws: ImageMetadataError.inflatedTextTooLarge(keyword: "Comment", limit: ImageMetadataReader.inflateLimit)) {
            try ImageMetadataReader.read(png)
        }
        // Just under the cap reads.
        let fits = MetadataTestSupport.chunk("zTXt", Array("Comment".utf8) + [0, 0] + zlibCompress(Array(zeros.dropLast(2))))
        let metadata = try ImageMetadataReader.read(MetadataTestSupport.inserting(fits, intoPNG: try PNGEncoder.encode(image)))
        #expect(metadata.text(for: "Comment")?.utf8.count == ImageMetadataReader.inflateLimit - 1)
    }

    @Test("a damaged or truncated zlib stream is an error")
    func corruptCompressedText() throws {
        let good = zlibCompress(Array("hello hello hello".utf8))
        for stream in [Array(good.dropLast(6)), [0x78, 0x9C, 0xFF, 0xFF], []] {
            let chunk = MetadataTestSupport.chunk("zTXt", Array("Comment".utf8) + [0, 0] + stream)
            let png = MetadataTestSupport.inserting(chunk, intoPNG: try PNGEncoder.encode(image))
            #expect(throws: ImageMetadataError.corruptCompressedText(keyword: "Comment")) { try ImageMetadataReader.read(png) }
        }
    }
}

/// zlib's one-shot compressor, for building compressed chunks in tests.
func zlibCompress(_ bytes: [UInt8]) -> [UInt8] {
    var length = compressBound(UInt(bytes.count))
    var output = [UInt8](repeating: 0, count: Int(length))
    let status = output.withUnsafeMutableBufferPointer { out in
        bytes.withUnsafeBufferPointer { input in
            compress2(out.baseAddress, &length, input.baseAddress, UInt(input.count), 9)
        }
    }
    precondition(status == Z_OK, "compress2 failed")
    return Array(output.prefix(Int(length)))
}
