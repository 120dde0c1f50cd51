import Testing
@testable import EaselImage

/// One parsing case: infotext in, what AUTOMATIC1111's `parse_generation_parameters` makes of it.
/// The expectations were produced by running A1111's regex and loop in Python.
struct InfotextParseCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var prompt: String
    var negative: String
    var parameters: [(String, String)]
    var testDescription: String { name }
}

@Suite("AUTOMATIC1111 infotext")
struct MetadataInfotextTests {
    static let parseCases: [InfotextParseCase] = [
        .init(
            name: "prompt, negative prompt, parameters",
            text: "a cat\nNegative prompt: dog\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512",
            prompt: "a cat", negative: "dog",
            parameters: [("Steps", "20"), ("Sampler", "Euler a"), ("CFG scale", "7"), ("Seed", "1"), ("Size", "512x512")]),
        .init(
            name: "prompt over several lines, each stripped",
            text: "line one\nline two,\n  line three  \nSteps: 20, Seed: 5, Size: 64x64",
            prompt: "line one\nline two,\nline three", negative: "", parameters: [("Steps", "20"), ("Seed", "5"), ("Size", "64x64")]),
        .init(
            name: "last line with fewer than three pairs is prompt",
            text: "a prompt\nwith: only, two: params", prompt: "a prompt\nwith: only, two: params", negative: "", parameters: []),
        .init(
            name: "quoted values with commas, colons, quotes and newlines",
            text: #"p\#nSteps: 2, Lora hashes: "a: 1, b: 2", Note: "say \"hi\"\nbye", Seed: 3"#,
            prompt: "p", negative: "",
            parameters: [("Steps", "2"), ("Lora hashes", "a: 1, b: 2"), ("Note", "say \"hi\"\nbye"), ("Seed", "3")]),
        .init(
            name: "negative prompt over several lines",
            text: "p\nNegative prompt: a\nb\nSteps: 1, Seed: 1, Size: 1x1",
            prompt: "p", negative: "a\nb", parameters: [("Steps", "1"), ("Seed", "1"), ("Size", "1x1")]),
        .init(
            name: "parameters only", text: "Steps: 1, Seed: 2, Size: 3x3", prompt: "", negative: "",
            parameters: [("Steps", "1"), ("Seed", "2"), ("Size", "3x3")]),
        .init(
            name: "empty value is skipped", text: "p\nSteps: , Seed: 1, Size: 2x2", prompt: "p", negative: "",
            parameters: [("Seed", "1"), ("Size", "2x2")]),
        .init(
            name: "CRLF line ends", text: "a\r\nNegative prompt: b\r\nSteps: 1, Seed: 2, Size: 3x3", prompt: "a", negative: "b",
            parameters: [("Steps", "1"), ("Seed", "2"), ("Size", "3x3")]),
        .init(
            name: "repeated key keeps first place, last value", text: "p\nSeed: 1, Steps: 2, Seed: 3", prompt: "p",
            negative: "", parameters: [("Seed", "3"), ("Steps", "2")]),
        .init(
            name: "non-ASCII keys are word characters", text: "猫\nステップ: 20, Seed: 1, Size: 2x2", prompt: "猫",
            negative: "", parameters: [("ステップ", "20"), ("Seed", "1"), ("Size", "2x2")]),
        .init(
            name: "one-letter keys do not match", text: "p\nx: 1, Model-hash/v2: 3, CFG scale:7,Seed:9", prompt: "p",
            negative: "", parameters: [("Model-hash/v2", "3"), ("CFG scale", "7"), ("Seed", "9")]),
        .init(
            name: "undecodable quoted value stays as written", text: "p\nAa: \"x\ty\", Bb: 1, Cc: 2", prompt: "p",
            negative: "", parameters: [("Aa", "\"x\ty\""), ("Bb", "1"), ("Cc", "2")]),
        .init(
            name: "unterminated quote runs to the comma", text: "p\nAa: \"unterminated, Bb: 1, Cc: 2", prompt: "p",
            negative: "", parameters: [("Aa", "\"unterminated"), ("Bb", "1"), ("Cc", "2")]),
        .init(
            name: "text after a closing quote", text: "p\nAa: \"q\" tail, Bb: 1, Cc: 2", prompt: "p", negative: "",
            parameters: [("Aa", "\"q\" tail"), ("Bb", "1"), ("Cc", "2")]),
        .init(
            name: "empty quotes decode to nothing", text: "p\nAa: \"\", Bb: 1, Cc: 2", prompt: "p", negative: "",
            parameters: [("Aa", ""), ("Bb", "1"), ("Cc", "2")]),
        .init(
            name: "JSON escapes in quoted values", text: #"p\#nAa: "\u00e9t\u00e9", Bb: "\ud83c\udf0a", Cc: "a\\b""#, prompt: "p",
            negative: "", parameters: [("Aa", "été"), ("Bb", "🌊"), ("Cc", "a\\b")]),
        .init(name: "surrounding blank lines", text: "\n\n  spaced  \n\n", prompt: "spaced", negative: "", parameters: []),
        .init(
            name: "negative prompt only", text: "Negative prompt: only neg\nSteps: 1, Seed: 2, Size: 3x3", prompt: "",
            negative: "only neg", parameters: [("Steps", "1"), ("Seed", "2"), ("Size", "3x3")]),
        .init(
            name: "empty negative marker line", text: "p\nNegative prompt:\nsecond\nSteps: 1, Seed: 2, Size: 3x3", prompt: "p",
            negative: "second", parameters: [("Steps", "1"), ("Seed", "2"), ("Size", "3x3")]),
    ]

    @Test("parses like parse_generation_parameters", arguments: parseCases)
    func parse(_ example: InfotextParseCase) {
        let parsed = Infotext(parsing: example.text)
        #expect(parsed.prompt == example.prompt)
        #expect(parsed.negativePrompt == example.negative)
        #expect(parsed.parameters.map(\.key) == example.parameters.map(\.0))
        #expect(parsed.parameters.map(\.value) == example.parameters.map(\.1))
    }

    @Test(
        "quotes values with commas, colons or newlines as json.dumps(ensure_ascii=False) does",
        arguments: [
            ("plain", "plain"), ("a, b", "\"a, b\""), ("k: v", "\"k: v\""), ("two\nlines", "\"two\\nlines\""),
            ("q\"uote, x", "\"q\\\"uote, x\""), ("tab\there: x", "\"tab\\there: x\""), ("\u{1},", "\"\\u0001,\""),
            ("日本, 語", "\"日本, 語\""), ("quote \" alone", "quote \" alone"), ("back\\slash, x", "\"back\\\\slash, x\""),
        ])
    func quote(value: String, expected: String) {
        #expect(Infotext.quote(value) == expected)
    }

    @Test("formats prompt, negative prompt and parameters, and reads back the same")
    func formatRoundTrip() {
        let infotext = Infotext(
            prompt: "a fox\nin the snow", negativePrompt: "blur",
            parameters: [
                .init(key: "Steps", value: "30"), .init(key: "Note", value: "a, b: \"c\"\nd"), .init(key: "Seed", value: "7"),
            ])
        #expect(infotext.text == "a fox\nin the snow\nNegative prompt: blur\nSteps: 30, Note: \"a, b: \\\"c\\\"\\nd\", Seed: 7")
        #expect(Infotext(parsing: infotext.text) == infotext)
    }

    @Test("leaves out an empty negative prompt and empty values")
    func formatWithoutNegative() {
        let infotext = Infotext(
            prompt: "p", parameters: [.init(key: "Steps", value: "1"), .init(key: "Empty", value: ""), .init(key: "Seed", value: "2")])
        #expect(infotext.text == "p\nSteps: 1, Seed: 2")
        #expect(Infotext(prompt: "only a prompt").text == "only a prompt")
    }

    @Test("builds A1111 infotext from an Easel record")
    func buildFromRecord() {
        let expected = """
            a lighthouse at dusk, (dramatic sky:1.3)
            Negative prompt: blurry, (text \\(watermarks\\):0.5)
            Seed: 123, Size: 1024x1024, Model: dall-e-3, Batch size: 1, Quality: hd, Style: vivid, Provider: openai, \
            Revised prompt: "A lighthouse stands at dusk under a dramatic, stormy sky: waves, spray."
            """
        let infotext = Infotext(record: MetadataTestSupport.record)
        #expect(infotext.text == expected)
        let reread = Infotext(parsing: expected)
        #expect(reread.value(for: "Revised prompt") == MetadataTestSupport.record.revisedPrompt)
        #expect(reread.negativePrompt == "blurry, (text \\(watermarks\\):0.5)")
    }

    @Test("maps settings to A1111 names in A1111's order, keeps others under their own names")
    func settingNames() {
        let record = EaselImageRecord(
            provider: "ai-client", model: "stable-diffusion", prompts: [.init(text: "x")],
            settings: [
                .init(name: "engine", value: "sdxl"), .init(name: "cfg_scale", value: "7"), .init(name: "sampler", value: "Euler a"),
                .init(name: "steps", value: "30"), .init(name: "width", value: "640"), .init(name: "height", value: "480"),
                .init(name: "negative_style", value: "none"), .init(name: "x", value: "1"), .init(name: "%%", value: "dropped"),
            ])
        #expect(
            Infotext(record: record).text
                == "x\nSteps: 30, Sampler: Euler a, CFG scale: 7, Size: 640x480, Model: stable-diffusion, Engine: sdxl, "
                + "Width: 640, Height: 480, Negative style: none, X setting: 1, Provider: ai-client")
    }

    @Test("weights: neutral plain, others in attention syntax, non-finite plain")
    func weights() {
        #expect(Infotext.attention("sky", weight: 1) == "sky")
        #expect(Infotext.attention("sky", weight: 1.1 * 1.1) == "(sky:1.21)")
        #expect(Infotext.attention("sky", weight: 2) == "(sky:2)")
        #expect(Infotext.attention("a [b] \\ (c)", weight: 0.5) == "(a \\[b\\] \\\\ \\(c\\):0.5)")
        #expect(Infotext.attention("never", weight: .infinity) == "never")
        let record = EaselImageRecord(
            provider: "p", model: "m", prompts: [.init(text: "yes"), .init(text: "no", weight: -.infinity), .init(text: "zero", weight: 0)])
        #expect(Infotext(record: record).text == "yes, (zero:0)\nNegative prompt: no\nModel: m, Provider: p")
    }

    @Test("hostile long lines parse in linear time with the same results")
    func longLines() {
        let noColons = String(repeating: "a", count: 200_000)
        #expect(Infotext(parsing: "p\n" + noColons) == Infotext(prompt: "p\n" + noColons))
        let openQuotes = String(repeating: "ab: \"\\\", ", count: 20_000)
        let parsed = Infotext(parsing: "p\n" + openQuotes)
        #expect(parsed.parameters == [.init(key: "ab", value: "\"\\\"")])
        #expect(Infotext.parameterMatches(in: Array(openQuotes.unicodeScalars)).count == 20_000)
    }
}
