import CWebP
import Foundation
import Testing
@testable import EaselImage

/// Shared inputs and helpers for the metadata tests.
enum MetadataTestSupport {
    /// A record with every field set, negative and fractional weights, and non-ASCII text.
    static let record: EaselImageRecord = {
        var record = EaselImageRecord(
            provider: "openai", model: "dall-e-3",
            prompts: [
                .init(text: "a lighthouse at dusk"), .init(text: "dramatic sky", weight: 1.3),
                .init(text: "blurry", weight: -1), .init(text: "text (watermarks)", weight: -0.5),
            ],
            settings: [
                .init(name: "size", value: "1024x1024"), .init(name: "quality", value: "hd"),
                .init(name: "style", value: "vivid"), .init(name: "seed", value: "123"), .init(name: "n", value: "1"),
            ],
            easelVersion: "0.9.0")
        record.revisedPrompt = "A lighthouse stands at dusk under a dramatic, stormy sky: waves, spray."
        record.threadID = "thr_01"
        record.entryID = "ent_07"
        record.imageIndex = 0
        record.remoteURL = "https://example.com/img/1.png?sig=a&b=c"
        record.usage = .object(["input_tokens": .number("57"), "output_tokens": .number("4160")])
        record.credits = 0.04
        record.createdAt = "2025-11-21T10:00:00Z"
        record.finishedAt = "2025-11-21T10:00:12.5Z"
        return record
    }()

    /// The infotext the builder makes for `record` (checked exactly in the infotext tests).
    static var infotext: String { Infotext(record: record).text }

    /// Bytes of a fixture under `Fixtures/metadata/`.
    static func fixture(_ name: String) throws -> [UInt8] {
        let directory = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/metadata")
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// A lossy WebP of `image`, through libwebp's simple encoder.
    static func webp(_ image: RGBImage, quality: Float = 80) throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        let size = image.pixels.withUnsafeBufferPointer { pixels in
            WebPEncodeRGB(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 3), quality, &output)
        }
        defer { WebPFree(output) }
        let start = try #require(output)
        #expect(size > 0)
        return Array(UnsafeBufferPointer(start: start, count: size))
    }

    /// Decodes a WebP to RGB through libwebp; nil when libwebp refuses it.
    static func decodeWebP(_ bytes: [UInt8]) -> RGBImage? {
        var width: Int32 = 0
        var height: Int32 = 0
        let pixels: [UInt8]? = bytes.withUnsafeBufferPointer { data in
            guard let decoded = WebPDecodeRGB(data.baseAddress, data.count, &width, &height) else { return nil }
            defer { WebPFree(decoded) }
            return Array(UnsafeBufferPointer(start: decoded, count: Int(width) * Int(height) * 3))
        }
        return pixels.map { RGBImage(width: Int(width), height: Int(height), pixels: $0) }
    }

    /// Big-endian helper for building test chunks by hand.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        PNGChunkList.serialize(type: type, data: data)
    }

    /// `png` with `chunks` inserted right after IHDR.
    static func inserting(_ chunks: [UInt8], intoPNG png: [UInt8]) -> [UInt8] {
        let afterIHDR = 8 + 25
        return Array(png[..<afterIHDR]) + chunks + Array(png[afterIHDR...])
    }

    /// When `EASEL_METADATA_OUT` names a directory, writes `bytes` there as `name` with the
    /// expected infotext (`name.infotext.txt`) and record JSON (`name.record.json`) beside it,
    /// for `Tests/python/check_metadata_pillow.py` to check with Pillow.
    static func export(_ bytes: [UInt8], name: String, infotext: String, record: EaselImageRecord) throws {
        guard let directory = ProcessInfo.processInfo.environment["EASEL_METADATA_OUT"], !directory.isEmpty else { return }
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(bytes).write(to: url.appendingPathComponent(name))
        try Data(infotext.utf8).write(to: url.appendingPathComponent(name + ".infotext.txt"))
        try Data(try record.jsonText().utf8).write(to: url.appendingPathComponent(name + ".record.json"))
    }
}
