import Testing
@testable import EaselImage

@Suite("Metadata report")
struct MetadataReportTests {
    let image = PNGTestSupport.pattern(width: 6, height: 5)

    private func png(_ entries: [(String, String)]) throws -> [UInt8] {
        try PNGEncoder.encode(image, textChunks: entries)
    }

    @Test("summary: one field per line, multi-line prompts indented, other text shortened")
    func summary() throws {
        let bytes = try png([
            ("parameters", "a fox\nin snow\nNegative prompt: blur\nSteps: 20, Seed: 7, Size: 6x5, Model: m1"),
            ("Software", "Tool 1.0"),
        ])
        #expect(try ImageMetadataReader.read(bytes).summaryLines() == [
            "File: PNG, 6×5",
            "Made with: AUTOMATIC1111 (infotext)",
            "  Prompt: a fox",
            "          in snow",
            "  Negative prompt: blur",
            "  Model: m1",
            "  Steps: 20",
            "  Seed: 7",
            "  Size: 6x5",
            "Text Software (tEXt): Tool 1.0",
        ])
    }

    @Test("JSON report has a fixed schema and field order")
    func json() throws {
        let bytes = try png([("parameters", "cat\nSteps: 1, Seed: 2, Size: 6x5"), ("Note", "x"), ("Note", "y")])
        let report = try ImageMetadataReader.read(bytes).jsonReport(pretty: false)
        #expect(report == """
            {"file_format":"png","width":6,"height":5,"sources":[{"kind":"automatic1111","prompt":"cat",\
            "negative_prompt":null,"model":null,"settings":{"Steps":"1","Seed":"2","Size":"6x5"},\
            "raw":"cat\\nSteps: 1, Seed: 2, Size: 6x5"}],"text_chunks":{"parameters":"cat\\nSteps: 1, Seed: 2, Size: 6x5",\
            "Note":"x","Note (2)":"y"},"problems":[]}
            """)
        let pretty = try ImageMetadataReader.read(bytes).jsonReport()
        #expect(pretty.hasPrefix("{\n  \"file_format\": \"png\",\n  \"width\": 6,"))
        #expect(JSONValue.parse(pythonText: pretty) == JSONValue.parse(pythonText: report))
    }

    @Test("control characters and escape sequences never reach the report")
    func hostileText() throws {
        let hostile = "evil\u{1B}[2J\u{1B}]0;title\u{7}\u{9B}31m\u{202E}txt.exe\r\u{8}"
        let bytes = try png([
            ("parameters", "\(hostile)\nNegative prompt: \(hostile)\nSteps: \(hostile), Seed: 1, Size: 2x2"),
            ("Comment", hostile),
            ("prompt", "{not json \(hostile)"),
        ])
        let metadata = try ImageMetadataReader.read(bytes)
        #expect(metadata.text(for: "Comment") == hostile, "the model keeps the raw text")
        let forbidden: (Unicode.Scalar) -> Bool = { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{202E}"
        }
        for line in metadata.summaryLines() {
            #expect(!line.unicodeScalars.contains(where: forbidden), "\(line.debugDescription)")
        }
        #expect(metadata.summaryLines().contains("Text Comment (iTXt): evil\u{FFFD}[2J\u{FFFD}]0;title\u{FFFD}\u{FFFD}31m\u{FFFD}txt.exe\u{FFFD}\u{FFFD}"))
        // The JSON text escapes nothing dangerous because nothing dangerous is left, and the
        // decoded strings are clean too (newlines only where prompts have them).
        let report = metadata.jsonReport()
        #expect(!report.unicodeScalars.contains { forbidden($0) && $0 != "\n" })
        #expect(!report.contains("\\u00"))
        #expect(!report.contains("\\r"))
        #expect(metadata.problems.count == 1)
        #expect(metadata.problems[0].hasPrefix("unreadable ComfyUI metadata: "))
    }

    @Test("malformed JSON in any known entry is a problem, not a crash")
    func malformedJSON() throws {
        let bytes = try png([
            ("easel", "{\"easel\": 1, \"provider\": 3}"), ("prompt", "{\"1\": [1, 2"), ("workflow", "{\"nodes\": 5}"),
            ("invokeai_metadata", "{\"seed\": 01}"),
        ])
        let metadata = try ImageMetadataReader.read(bytes)
        #expect(metadata.sources.isEmpty)
        #expect(metadata.problems == [
            "unreadable Easel metadata: not an Easel record (fields missing or of the wrong type)",
            "unreadable ComfyUI workflow metadata: no node list",
            "unreadable ComfyUI metadata: unterminated array at byte 11",
            "unreadable InvokeAI metadata: leading zero in a number at byte 11",
        ])
        let broken = try png([("easel", "{\"easel\": 1,")])
        #expect(try ImageMetadataReader.read(broken).problems == ["unreadable Easel metadata: expected a field name at byte 12"])
    }

    @Test("an Easel image reports the Easel source first with its record fields")
    func easelSource() throws {
        let record = MetadataTestSupport.record
        let bytes = try ImageMetadataWriter.embed(infotext: MetadataTestSupport.infotext, record: record, into: try PNGEncoder.encode(image)).bytes
        let metadata = try ImageMetadataReader.read(bytes)
        let source = try #require(metadata.sources.first)
        #expect(source.kind == .easel)
        #expect(source.prompt == "a lighthouse at dusk, (dramatic sky:1.3)")
        #expect(source.negativePrompt == "blurry, (text \\(watermarks\\):0.5)")
        #expect(source.model == "dall-e-3")
        #expect(source.settings.map(\.name) == [
            "Provider", "size", "quality", "style", "seed", "n", "Revised prompt", "Thread", "Entry", "Image index", "Remote URL",
            "Credits", "Usage", "Created", "Finished", "Easel version",
        ])
        #expect(source.setting("Usage") == "{\"input_tokens\":57,\"output_tokens\":4160}")
        #expect(source.setting("Credits") == "0.04")
        #expect(metadata.summaryLines()[1] == "Made with: Easel")
    }

    @Test("plain-text prompt entries and camera comments stay other text")
    func notEverythingIsMetadata() throws {
        let bytes = try png([("prompt", "a plain prompt from some tool"), ("workflow", "none")])
        let metadata = try ImageMetadataReader.read(bytes)
        #expect(metadata.sources.isEmpty)
        #expect(metadata.problems.isEmpty)
        #expect(metadata.summaryLines().suffix(2) == [
            "Text prompt (tEXt): a plain prompt from some tool", "Text workflow (tEXt): none",
        ])

        let jpeg = try JPEGEncoder.encode(image)
        let tiff = ExifBlock.tiff(userComment: "Shot on a sunny day").bytes
        let app1: [UInt8] = [0xFF, 0xE1, UInt8((tiff.count + 8) >> 8), UInt8((tiff.count + 8) & 0xFF)] + ExifBlock.jpegPrefix + tiff
        let withComment = try ImageMetadataReader.read([0xFF, 0xD8] + app1 + Array(jpeg.dropFirst(2)))
        #expect(withComment.sources.isEmpty)
        #expect(withComment.summaryLines().last == "Text UserComment (Exif): Shot on a sunny day")
    }
}
