import EaselCore
import Foundation
import Testing

/// A1111 prompt text → weighted parts, and back: the syntax's rules one by one, a table of real
/// prompts whose parsing is stable through `render`, and random part lists that survive a round
/// trip.
struct A1111PromptParseTests {
    private func weights(_ text: String) -> [String] {
        A1111Prompt.parse(text).map { part in
            let weight = SettingValue.canonicalNumber(part.weight)
            switch part.kind {
            case .text: return weight == "1" ? part.text : "\(part.text)@\(weight)"
            case .lora, .hypernet: return "\(part.kind.rawValue):\(part.text)@\(weight)"
            case .breakMarker: return "BREAK"
            }
        }
    }

    @Test func explicitWeightsEmphasisAndSoftening() {
        #expect(weights("(a fox:1.3)") == ["a fox@1.3"])
        #expect(weights("(a fox)") == ["a fox@1.1"])
        #expect(weights("((a fox))") == ["a fox@1.21"])
        #expect(weights("[a fox]") == ["a fox@0.9091"])
        #expect(weights("[[a fox]]") == ["a fox@0.8264"])
        #expect(weights("( a fox : 0.5 )") == ["a fox@0.5"])
    }

    @Test func nestedWeightsMultiply() {
        #expect(weights("((red:1.5) fox:1.2)") == ["red@1.8", "fox@1.2"])
        #expect(weights("[(snow:2)]") == ["snow@1.8182"])
    }

    @Test func commasAndWeightChangesCutParts() {
        #expect(weights("masterpiece, (best quality:1.2), a fox") == ["masterpiece", "best quality@1.2", "a fox"])
        #expect(weights("(masterpiece, best quality:1.2)") == ["masterpiece@1.2", "best quality@1.2"])
        #expect(weights("a (red) fox") == ["a", "red@1.1", "fox"])
        #expect(weights(" , ,a,, b ,") == ["a", "b"])
    }

    @Test func escapesAreLiteralText() {
        #expect(weights(#"\(sic\) a \[note\] back\\slash"#) == [#"(sic) a [note] back\slash"#])
        #expect(weights(#"(\(paren\):1.2)"#) == ["(paren)@1.2"])
        #expect(weights(#"a\b"#) == [#"a\b"#], "a backslash before anything else stays")
    }

    @Test func unbalancedBracketsAreTakenLiterally() {
        #expect(weights("(a fox") == ["(a fox"])
        #expect(weights("a fox)") == ["a fox)"])
        #expect(weights("[a fox)") == ["[a fox)"])
        #expect(weights("((a) fox") == ["(", "a@1.1", "fox"])
        #expect(weights("a:1.2) b") == ["a:1.2) b"])
        #expect(weights("(a:0)") == ["(a:0)"], "no weight of zero or less")
        #expect(weights("(a:-1)") == ["(a:-1)"])
        #expect(weights("(a:1.2.3)") == ["a:1.2.3@1.1"])
    }

    @Test func extraNetworksAreTheirOwnKindAndNeverWeighted() {
        #expect(weights("a fox <lora:detail-tweaker:0.8>, <hypernet:anime>") == ["a fox", "lora:detail-tweaker@0.8", "hypernet:anime@1"])
        #expect(weights("(<lora:x:0.5> glow:1.5)") == ["lora:x@0.5", "glow@1.5"], "brackets do not weigh a tag")
        #expect(weights("<lyco:x:1> <lora::1> <lora:x:zero> <lora:x:-1>") == ["<lyco:x:1> <lora::1> <lora:x:zero> <lora:x:-1>"])
        let rendered = A1111Prompt.render([PromptPart("detail", weight: 0.8, kind: .lora), PromptPart("a fox", weight: 1.2)])
        #expect(rendered.positive == "<lora:detail:0.8>, (a fox:1.2)")
    }

    @Test func breakIsAMarkerPart() {
        #expect(weights("a fox BREAK snowy hills") == ["a fox", "BREAK", "snowy hills"])
        #expect(weights("BREAKING news, xBREAK") == ["BREAKING news", "xBREAK"])
        let negative = A1111Prompt.parseNegative("blurry BREAK (lowres:1.4)")
        #expect(negative == [PromptPart("blurry", weight: -1), PromptPart("BREAK", weight: -1, kind: .breakMarker), PromptPart("lowres", weight: -1.4)])
        #expect(A1111Prompt.render(negative).negative == "blurry, BREAK, (lowres:1.4)")
    }

    @Test func hostileInputNeverCrashesOrHangs() {
        let deep = String(repeating: "(", count: 5_000) + "x" + String(repeating: ")", count: 5_000)
        #expect(A1111Prompt.parse(deep).count == 1)
        let lopsided = String(repeating: "[", count: 20_000) + "x"
        #expect(A1111Prompt.parse(lopsided).first?.text.count == 20_001)
        let digits = "(x:" + String(repeating: "9", count: 10_000) + ")"
        #expect(!A1111Prompt.parse(digits).isEmpty)
        #expect(A1111Prompt.parse(String(repeating: "[x]", count: 200)).allSatisfy { $0.weight > 0 })
        #expect(A1111Prompt.parse("<lora:" + String(repeating: "a", count: 100_000)).count == 1)
        #expect(A1111Prompt.parse("").isEmpty)
    }

    @Test func oldRecordsWithoutAKindReadAsText() throws {
        let old = try JSONDecoder().decode(PromptPart.self, from: Data(#"{"text":"a fox","weight":1.2}"#.utf8))
        #expect(old == PromptPart("a fox", weight: 1.2))
        let text = String(decoding: try JSONEncoder().encode(PromptPart("a fox")), as: UTF8.self)
        #expect(!text.contains("kind"), "text parts keep their old shape")
        let lora = PromptPart("detail", weight: 0.8, kind: .lora)
        #expect(try JSONDecoder().decode(PromptPart.self, from: JSONEncoder().encode(lora)) == lora)
        let future = try JSONDecoder().decode(PromptPart.self, from: Data(#"{"text":"x","weight":1,"kind":"wormhole"}"#.utf8))
        #expect(future.kind == .text)
    }

    @Test func pastedInfotextSplitsPositiveAndNegative() throws {
        let infotext = """
            (masterpiece:1.2), a red fox <lora:film-grain:0.6>
            Negative prompt: (blurry:1.3), lowres
            Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x512
            """
        let parts = try #require(A1111Prompt.weightedParts(fromPasted: infotext))
        #expect(parts == [
            PromptPart("masterpiece", weight: 1.2), PromptPart("a red fox"), PromptPart("film-grain", weight: 0.6, kind: .lora),
            PromptPart("blurry", weight: -1.3), PromptPart("lowres", weight: -1),
        ])
        #expect(A1111Prompt.weightedParts(fromPasted: "a fox, in the snow") == nil, "plain text stays as typed")
        #expect(A1111Prompt.weightedParts(fromPasted: "a fox\nNegative prompt: blur")?.count == 2)
    }

    @Test func recordedA1111TextBecomesParts() {
        let recorded = [PromptPart("(masterpiece:1.2), a fox"), PromptPart("(blurry:1.3)", weight: -1)]
        #expect(A1111Prompt.weightedParts(fromRecorded: recorded) == [
            PromptPart("masterpiece", weight: 1.2), PromptPart("a fox"), PromptPart("blurry", weight: -1.3),
        ])
        #expect(A1111Prompt.weightedParts(fromRecorded: [PromptPart("a fox", weight: 1.4)]) == nil, "composed parts stay")
        #expect(A1111Prompt.weightedParts(fromRecorded: [PromptPart("a fox, snow")]) == nil)
    }

    // MARK: - Round trips

    static let realPrompts: [String] = [
        "masterpiece, best quality, 1girl, solo, long hair, looking at viewer, smile",
        "(masterpiece:1.2), (best quality:1.2), ultra-detailed, a red fox in the snow",
        "((masterpiece)), ((best quality)), (ultra detailed), illustration, [sketch]",
        "a photo of an astronaut riding a horse on mars, (cinematic lighting:1.4), 35mm",
        "portrait of a woman, (freckles:0.8), [[makeup]], soft light, bokeh",
        "(((scenery))), mountains, lake, (sunset:1.3), <lora:add_detail:0.6>",
        "<lora:epiNoiseoffset_v2:1>, dark room, candle light, (chiaroscuro:1.1)",
        "1boy, armor, (knight:1.3) BREAK castle, (storm clouds:1.2), lightning",
        #"a sign that says \(open\), shop window, [reflections:1.1]"#,
        #"emoji \[test\] \\ backslash, (weird \(nested\) text:1.25)"#,
        "東京の夜景, (ネオン:1.3), 雨, cyberpunk",
        "café au lait, crème brûlée, (pâtisserie:1.15), still life",
        "(a cat:1.2) (a dog:0.8) sitting together",
        "score_9, score_8_up, score_7_up, (realistic:1.2), <lora:detail-tweaker:0.5> <hypernet:anime_3:0.7>",
        "(masterpiece, best quality:1.3), (intricate details, sharp focus:1.1)",
        "((((over-emphasised)))), [[[[under-emphasised]]]]",
        "(unbalanced bracket, still a prompt",
        "stray) closer and ]square",
        "(a:1.5) BREAK (b:0.5) BREAK c",
        "landscape, (golden hour:1.35), (volumetric fog:0.9), 8k uhd, dslr",
        "(photorealistic:1.4), RAW photo, (skin pores:0.7), film grain, Fujifilm XT3",
        "anime screencap, (flat color:1.1), [lineart], <lora:ghibli_style:0.75>, forest spirit",
        "(((best quality))), (red:1.5) (blue:0.5) gradient background",
        "interior design, scandinavian, (wooden floor:1.1), plants, (natural light:1.2)",
        "a watercolor of a lighthouse, [muted colors:0.9], (texture:1.05)",
        "👾 pixel art, (8-bit:1.3), retro game sprite, 🍄",
        "(colon inside: words:1.2), ratio 16:9, time 12:30",
        "  leading and trailing spaces  ,   ",
        "(weight with spaces : 1.25 ), ( spaced )",
        "no syntax at all just words",
    ]

    @Test(arguments: realPrompts)
    func parsingWhatRenderWroteGivesTheSameParts(prompt: String) {
        let parts = A1111Prompt.parse(prompt)
        #expect(!parts.isEmpty)
        let again = A1111Prompt.parse(A1111Prompt.render(parts).positive)
        #expect(again == parts, "\(A1111Prompt.render(parts).positive)")
    }

    @Test(arguments: realPrompts)
    func negativePromptsRoundTripToo(prompt: String) {
        let parts = A1111Prompt.parseNegative(prompt)
        let rendered = A1111Prompt.render(parts)
        let again = A1111Prompt.parse(rendered.positive) + A1111Prompt.parseNegative(rendered.negative)
        // Extra networks move to the positive prompt (they act on the model): compare as sets by kind.
        #expect(again.filter { $0.kind == .lora || $0.kind == .hypernet } == parts.filter { $0.kind == .lora || $0.kind == .hypernet })
        #expect(again.filter { $0.weight < 0 } == parts.filter { $0.weight < 0 })
    }

    @Test func randomPartListsSurviveRenderThenParse() {
        var generator = SplitMix64(seed: 0xEA5E1)
        let words = ["fox", "snow", "a red barn", "東京", "crème", "(paren)", "[square]", #"back\slash"#, "ratio 16:9", "👾", "x:2", "ok)"]
        for _ in 0..<500 {
            var positives: [PromptPart] = []
            var negatives: [PromptPart] = []
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let text = words.randomElement(using: &generator)!
                let weight = (Double(Int.random(in: 1...3000, using: &generator)) / 1000)
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: positives.append(PromptPart("lora_\(Int.random(in: 0...9, using: &generator))", weight: weight, kind: .lora))
                case 1: positives.append(PromptPart("BREAK", kind: .breakMarker))
                case 2, 3: negatives.append(PromptPart(text, weight: -weight))
                default: positives.append(PromptPart(text, weight: weight))
                }
            }
            let rendered = A1111Prompt.render(positives + negatives)
            let back = A1111Prompt.parse(rendered.positive) + A1111Prompt.parseNegative(rendered.negative)
            #expect(back.count == positives.count + negatives.count, "\(rendered)")
            for (original, parsed) in zip(positives + negatives, back) {
                #expect(parsed.text == original.text && parsed.kind == original.kind, "\(rendered)")
                #expect(abs(parsed.weight - original.weight) < 0.00005, "\(rendered)")
            }
        }
    }
}

