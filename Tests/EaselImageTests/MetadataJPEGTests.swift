import CEaselJPEGShim
import Testing
@testable import EaselImage

/// Marker and payload of each segment before the scan, walked independently of the code under test.
private func segments(_ bytes: [UInt8]) -> [(marker: UInt8, payload: [UInt8])] {
    var result: [(UInt8, [UInt8])] = []
    var offset = 2
    while offset + 4 <= bytes.count, bytes[offset] == 0xFF, bytes[offset + 1] != 0xDA {
        let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        result.append((bytes[offset + 1], Array(bytes[(offset + 4)..<(offset + 2 + length)])))
        offset += 2 + length
    }
    return result
}

/// Everything from the first SOS marker on.
private func scan(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    var offset = 2
    while bytes[offset + 1] != 0xDA { offset += 2 + (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])) }
    return bytes[offset...]
}

private func decodedPixels(_ bytes: [UInt8]) -> [UInt8]? {
    var pixels: UnsafeMutablePointer<UInt8>? = nil
    var width: Int32 = 0
    var height: Int32 = 0
    var message = [CChar](repeating: 0, count: Int(EASEL_JPEG_MESSAGE_CAPACITY))
    let status = bytes.withUnsafeBufferPointer { jpeg in
        easel_jpeg_decompress_rgb(jpeg.baseAddress, jpeg.count, 1 << 20, &pixels, &width, &height, &message, message.count)
    }
    defer { easel_jpeg_free(pixels) }
    guard status == EASEL_JPEG_OK, let pixels else { return nil }
    return Array(UnsafeBufferPointer(start: pixels, count: Int(width * height * 3)))
}

@Suite("JPEG metadata")
struct MetadataJPEGTests {
    let image = ImagePainter.paint(prompt: "metadata", seed: 3, width: 40, height: 24)
    let record = MetadataTestSupport.record

    @Test("Exif UserComment and XMP go after JFIF; the scan is untouched; both read back")
    func roundTrip() throws {
        let jpeg = try JPEGEncoder.encode(image)
        let infotext = MetadataTestSupport.infotext
        let written = try ImageMetadataWriter.embed(infotext: infotext, record: record, into: jpeg)
        #expect(written.notes.isEmpty)
        let found = segments(written.bytes)
        #expect(found.map(\.marker).prefix(4) == [0xE0, 0xE1, 0xE1, 0xDB])
        #expect(found[0].payload.starts(with: Array("JFIF".utf8)))

        let exif = found[1].payload
        let units = Array(infotext.utf16)
        #expect(exif.count == 6 + 64 + units.count * 2)
        let header: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0, 0x4D, 0x4D, 0, 42, 0, 0, 0, 8]  // "Exif\0\0MM" 42 8
        #expect(Array(exif.prefix(14)) == header)
        // IFD0: one entry, ExifIFD pointer (LONG) to offset 26.
        #expect(Array(exif[14..<32]) == [0, 1, 0x87, 0x69, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0])
        // Exif IFD: ExifVersion "0232", then UserComment (UNDEFINED) at offset 56.
        let count = 8 + units.count * 2
        let versionEntry: [UInt8] = [0x90, 0x00, 0, 7, 0, 0, 0, 4, 0x30, 0x32, 0x33, 0x32]
        let commentEntry: [UInt8] = [0x92, 0x86, 0, 7, 0, 0, UInt8(count >> 8), UInt8(count & 0xFF), 0, 0, 0, 56]
        #expect(Array(exif[32..<34]) == [0, 2])
        #expect(Array(exif[34..<46]) == versionEntry)
        #expect(Array(exif[46..<58]) == commentEntry)
        #expect(Array(exif[58..<62]) == [0, 0, 0, 0])
        #expect(Array(exif[62..<70]) == Array("UNICODE".utf8) + [0])
        let text: [UInt8] = units.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(Array(exif[70...]) == text)
        #expect(found[2].payload.starts(with: Array("http://ns.adobe.com/xap/1.0/\u{0}<?xpacket begin=".utf8)))

        #expect(scan(written.bytes) == scan(jpeg))
        #expect(decodedPixels(written.bytes) == decodedPixels(jpeg))
        let metadata = try ImageMetadataReader.read(written.bytes)
        #expect(metadata.text(for: "UserComment") == infotext)
        #expect(metadata.easelRecord == record)
        #expect(metadata.sources.map(\.kind) == [.easel, .automatic1111])
        #expect(metadata.width == 40 && metadata.height == 24)
        try MetadataTestSupport.export(written.bytes, name: "easel.jpg", infotext: infotext, record: record)
    }

    @Test("existing Exif and XMP segments are replaced; others are kept")
    func replacesExisting() throws {
        let jpeg = try JPEGEncoder.encode(image)
        let jfif = segments(jpeg)[0]
        let oldExif: [UInt8] = Array("Exif".utf8) + [0, 0] + Array("II".utf8) + [42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let oldXMP = XMPPacket.jpegPrefix + Array("<x:xmpmeta>old</x:xmpmeta>".utf8)
        let comment = Array("made by hand".utf8)
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            [0xFF, marker, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
        }
        let afterJFIF = 2 + 4 + jfif.payload.count
        let input = Array(jpeg[..<afterJFIF]) + segment(0xE1, oldExif) + segment(0xFE, comment) + segment(0xE1, oldXMP)
            + Array(jpeg[afterJFIF...])
        let written = try ImageMetadataWriter.embed(infotext: "fresh", record: record, into: input).bytes
        let found = segments(written)
        let app1 = found.filter { $0.marker == 0xE1 }
        #expect(app1.count == 2)
        #expect(!app1.contains { $0.payload == oldExif || $0.payload == oldXMP })
        #expect(found.map(\.marker).prefix(4) == [0xE0, 0xE1, 0xE1, 0xFE])
        #expect(found[3].payload == comment)
        let metadata = try ImageMetadataReader.read(written)
        #expect(metadata.text(for: "UserComment") == "fresh")
        #expect(metadata.text(for: "Comment") == "made by hand")
        #expect(try ImageMetadataWriter.embed(infotext: "fresh", record: record, into: written).bytes == written)
    }

    @Test("without a leading APP0 the metadata goes right after SOI")
    func noJFIF() throws {
        let jpeg = try JPEGEncoder.encode(image)
        let jfifLength = 2 + segments(jpeg)[0].payload.count + 2
        let bare = [0xFF, 0xD8] + Array(jpeg[(2 + jfifLength)...])
        let written = try ImageMetadataWriter.embed(infotext: "p", record: record, into: bare).bytes
        #expect(segments(written).map(\.marker).prefix(3) == [0xE1, 0xE1, 0xDB])
        #expect(decodedPixels(written) == decodedPixels(jpeg))
    }

    @Test("an XMP packet too big for one segment is left out with a note")
    func oversizeXMP() throws {
        var record = record
        record.revisedPrompt = String(repeating: "a long revised prompt & more ", count: 2_500)
        let written = try ImageMetadataWriter.embed(infotext: "short", record: record, into: try JPEGEncoder.encode(image))
        let xmpSize = XMPPacket.jpegPrefix.count + XMPPacket.packet(recordJSON: try record.jsonText()).count
        #expect(written.notes == [.xmpOmitted(bytes: xmpSize, limit: 65_533)])
        #expect(segments(written.bytes).filter { $0.marker == 0xE1 }.count == 1)
        let metadata = try ImageMetadataReader.read(written.bytes)
        #expect(metadata.text(for: "UserComment") == "short")
        #expect(metadata.easelRecord == nil)
    }

    @Test("an infotext too long for the Exif segment is cut between characters, with a note")
    func oversizeInfotext() throws {
        let infotext = String(repeating: "🌊", count: 20_000)  // 40 000 UTF-16 units
        let written = try ImageMetadataWriter.embed(infotext: infotext, record: record, into: try JPEGEncoder.encode(image))
        let kept = (65_533 - 6 - 64) / 2 / 2 * 2
        #expect(written.notes == [.userCommentTruncated(characters: 40_000, keptCharacters: kept)])
        let exif = try #require(segments(written.bytes).first { $0.marker == 0xE1 })
        #expect(exif.payload.count <= 65_533)
        let comment = try ImageMetadataReader.read(written.bytes).text(for: "UserComment")
        #expect(comment == String(repeating: "🌊", count: kept / 2))
        #expect(written.notes[0].description.contains("cut to \(kept) characters"))
    }

    /// "Steps: 1" as UTF-16 in one byte order.
    static func utf16(bigEndian: Bool) -> [UInt8] {
        let units: [UInt16] = Array("Steps: 1".utf16)
        return units.flatMap { unit -> [UInt8] in
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            return bigEndian ? [high, low] : [low, high]
        }
    }

    static let unicode: [UInt8] = Array("UNICODE".utf8) + [0]
    static let commentCases: [(ByteOrder, [UInt8])] = [
        (.littleEndian, unicode + utf16(bigEndian: true)),
        (.littleEndian, unicode + utf16(bigEndian: false)),
        (.bigEndian, unicode + utf16(bigEndian: false)),
        (.bigEndian, unicode + [0xFF, 0xFE] + utf16(bigEndian: false)),
        (.littleEndian, Array("ASCII".utf8) + [0, 0, 0] + Array("Steps: 1".utf8) + [0]),
        (.bigEndian, [UInt8](repeating: 0, count: 8) + Array("Steps: 1".utf8)),
    ]

    @Test(
        "UserComment decodes from either byte order, with or without a BOM, and ASCII or undefined prefixes",
        arguments: commentCases)
    func userCommentEncodings(order: ByteOrder, comment: [UInt8]) throws {
        // A hand-built Exif block in the given byte order: IFD0 → Exif IFD → UserComment at 44.
        var tiff: [UInt8] = Array((order == .bigEndian ? "MM" : "II").utf8)
        order.append16(42, to: &tiff)
        order.append32(8, to: &tiff)
        order.append16(1, to: &tiff)
        for value in [0x8769, 4] { order.append16(value, to: &tiff) }
        for value in [1, 26, 0] { order.append32(value, to: &tiff) }
        order.append16(1, to: &tiff)
        for value in [0x9286, 7] { order.append16(value, to: &tiff) }
        for value in [comment.count, 44, 0] { order.append32(value, to: &tiff) }
        tiff += comment
        let fields = try #require(ExifBlock.read(tiff[...]))
        #expect(fields.userComment == "Steps: 1")
    }

    @Test("hostile Exif offsets and counts are skipped, not trusted")
    func hostileExif() {
        var tiff: [UInt8] = Array("MM".utf8) + [0, 42, 0, 0, 0, 8, 0, 2]
        tiff += [0x87, 0x69, 0, 4, 0, 0, 0, 1, 0x7F, 0xFF, 0xFF, 0xFF]  // Exif IFD far outside
        tiff += [0x01, 0x0E, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 8]  // 4 GiB description
        tiff += [0, 0, 0, 0]
        #expect(ExifBlock.read(tiff[...]) == ExifBlock.Fields())
        #expect(ExifBlock.read(Array("MM".utf8)[...]) == nil)
        #expect(ExifBlock.read([0x4D, 0x4D, 0, 42, 0xFF, 0xFF, 0xFF, 0xF0][...]) == ExifBlock.Fields())
    }

    @Test("damaged JPEGs are errors")
    func damaged() throws {
        let jpeg = try JPEGEncoder.encode(image)
        #expect(throws: ImageMetadataError.malformedJPEG("a segment (marker 0xE0) is truncated")) {
            try ImageMetadataReader.read(Array(jpeg.prefix(10)))
        }
        #expect(throws: ImageMetadataError.malformedJPEG("the file ends before the image data")) {
            try ImageMetadataWriter.embed(infotext: "p", record: record, into: Array(jpeg.prefix(20)))
        }
        #expect(throws: ImageMetadataError.malformedJPEG("an unexpected marker 0xD9 comes before the image data")) {
            try ImageMetadataReader.read([0xFF, 0xD8, 0xFF, 0xD9])
        }
        // Any cut before the scan fails; the scan itself is image data, which reading skips.
        let scanStart = jpeg.count - scan(jpeg).count
        for length in stride(from: 3, through: scanStart + 3, by: 3) {
            #expect(throws: ImageMetadataError.self) { try ImageMetadataReader.read(Array(jpeg.prefix(length))) }
        }
    }
}
