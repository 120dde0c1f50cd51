import CWebP
import Testing
@testable import EaselImage

/// FourCCs and payloads of a WebP's chunks, walked independently of the code under test.
private func chunks(_ bytes: [UInt8]) -> [(fourCC: String, payload: [UInt8])] {
    var result: [(String, [UInt8])] = []
    var offset = 12
    while offset + 8 <= bytes.count {
        let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
        result.append((String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self), Array(bytes[(offset + 8)..<(offset + 8 + size)])))
        offset += 8 + size + (size & 1)
    }
    return result
}

@Suite("WebP metadata")
struct MetadataWebPTests {
    let image = ImagePainter.paint(prompt: "webp", seed: 9, width: 30, height: 20)
    let record = MetadataTestSupport.record

    @Test("EXIF and XMP chunks via libwebpmux: valid VP8X file, flags set, pixels unchanged", arguments: [false, true])
    func roundTrip(lossless: Bool) throws {
        let webp = try lossless ? losslessWebP(image) : MetadataTestSupport.webp(image)
        #expect(chunks(webp).map(\.fourCC) == [lossless ? "VP8L" : "VP8 "])
        let infotext = MetadataTestSupport.infotext
        let written = try ImageMetadataWriter.embed(infotext: infotext, record: record, into: webp)
        #expect(written.notes.isEmpty)

        var width: Int32 = 0
        var height: Int32 = 0
        let valid = written.bytes.withUnsafeBufferPointer { WebPGetInfo($0.baseAddress, $0.count, &width, &height) }
        #expect(valid != 0)
        #expect(width == 30 && height == 20)
        let found = chunks(written.bytes)
        #expect(found.map(\.fourCC) == ["VP8X", lossless ? "VP8L" : "VP8 ", "EXIF", "XMP "])
        #expect(found[0].payload[0] == 0x08 | 0x04, "VP8X flags: EXIF and XMP only")
        #expect(found[1].payload == chunks(webp)[0].payload, "bitstream carried over unchanged")
        #expect(found[2].payload == ExifBlock.tiff(userComment: infotext).bytes)
        #expect(found[3].payload == XMPPacket.packet(recordJSON: try record.jsonText()))
        #expect(MetadataTestSupport.decodeWebP(written.bytes) == MetadataTestSupport.decodeWebP(webp))

        let metadata = try ImageMetadataReader.read(written.bytes)
        #expect(metadata.text(for: "UserComment") == infotext)
        #expect(metadata.easelRecord == record)
        #expect(metadata.format == .webp && metadata.width == 30 && metadata.height == 20)

        let again = try ImageMetadataWriter.embed(infotext: "second", record: record, into: written.bytes).bytes
        #expect(chunks(again).map(\.fourCC) == ["VP8X", lossless ? "VP8L" : "VP8 ", "EXIF", "XMP "])
        #expect(try ImageMetadataReader.read(again).text(for: "UserComment") == "second")
        try MetadataTestSupport.export(
            written.bytes, name: lossless ? "easel-lossless.webp" : "easel.webp", infotext: infotext, record: record)
    }

    @Test("long text is never cut in WebP: chunks have no 64 KiB limit")
    func noSizeLimit() throws {
        var record = record
        record.revisedPrompt = String(repeating: "long ", count: 20_000)
        let infotext = String(repeating: "p", count: 70_000)
        let written = try ImageMetadataWriter.embed(infotext: infotext, record: record, into: try MetadataTestSupport.webp(image))
        #expect(written.notes.isEmpty)
        let metadata = try ImageMetadataReader.read(written.bytes)
        #expect(metadata.text(for: "UserComment") == infotext)
        #expect(metadata.easelRecord == record)
    }

    @Test("damaged WebPs are errors")
    func damaged() throws {
        let webp = try MetadataTestSupport.webp(image)
        #expect(throws: ImageMetadataError.malformedWebP("the file is truncated")) {
            try ImageMetadataReader.read(Array(webp.dropLast(10)))
        }
        #expect(throws: ImageMetadataError.malformedWebP("the file is truncated")) {
            try ImageMetadataWriter.embed(infotext: "p", record: record, into: Array(webp.dropLast(10)))
        }
        var lying = webp
        lying[16] = 0xFF  // the VP8 chunk claims more than the RIFF holds
        #expect(throws: ImageMetadataError.malformedWebP("a chunk is truncated")) { try ImageMetadataReader.read(lying) }
        var garbage = webp
        for index in 20..<min(60, garbage.count) { garbage[index] = 0x5A }
        #expect(throws: ImageMetadataError.malformedWebP("libwebpmux could not parse it")) {
            try ImageMetadataWriter.embed(infotext: "p", record: record, into: garbage)
        }
    }

    private func losslessWebP(_ image: RGBImage) throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        let size = image.pixels.withUnsafeBufferPointer { pixels in
            WebPEncodeLosslessRGB(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 3), &output)
        }
        defer { WebPFree(output) }
        let start = try #require(output)
        return Array(UnsafeBufferPointer(start: start, count: size))
    }
}
