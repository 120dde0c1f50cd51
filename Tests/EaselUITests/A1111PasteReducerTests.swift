import EaselCore
@testable import EaselUI
import Testing

/// Pasting or remixing A1111 text: split into weighted parts where that is what the user
/// means (an empty part, a model with weights), kept as typed everywhere else.
@Suite("A1111 paste and remix")
struct A1111PasteReducerTests {
    private func summary(_ state: AppState) -> [String] {
        state.compose.parts.map { "\($0.kind.rawValue):\($0.editor.text)@\(SettingValue.canonicalNumber($0.weight))" }
    }

    @Test("an A1111 prompt pasted into an empty part becomes weighted parts, its negative block negative parts")
    func pasteSplits() {
        var state = Scenes.fresh()
        _ = Reducer.reduce(&state, .input(.paste("(masterpiece:1.2), a fox <lora:film:0.6>\nNegative prompt: (blurry:1.3)\nSteps: 20, Seed: 1")))
        #expect(summary(state) == ["text:masterpiece@1.2", "text:a fox@1", "lora:film@0.6", "text:blurry@-1.3"])
        #expect(state.message?.text.contains("split the pasted A1111 prompt into 4 weighted parts") == true)
        #expect(state.compose.request.parts.last == PromptPart("blurry", weight: -1.3))
    }

    @Test("plain text, a part with text already, or a model without weights: the paste goes in as typed")
    func pasteKeeps() {
        var state = Scenes.fresh()
        _ = Reducer.reduce(&state, .input(.paste("a fox, in the snow")))
        #expect(summary(state) == ["text:a fox, in the snow@1"])
        _ = Reducer.reduce(&state, .input(.paste(" (glow:1.2)")))
        #expect(summary(state) == ["text:a fox, in the snow (glow:1.2)@1"])
        var folded = Scenes.fresh(model: "dalle2_text2img")
        _ = Reducer.reduce(&folded, .input(.paste("(glow:1.2)")))
        #expect(summary(folded) == ["text:(glow:1.2)@1"])
    }

    @Test("a paste into an empty negative part is a negative prompt")
    func pasteNegative() {
        var state = Scenes.fresh()
        state.compose.parts = [DraftPart(text: "a fox"), DraftPart(weight: -1)]
        state.compose.selectedPart = 1
        state.focus = .prompt
        _ = Reducer.reduce(&state, .input(.paste("(blurry:1.4), lowres")))
        #expect(summary(state) == ["text:a fox@1", "text:blurry@-1.4", "text:lowres@-1"])
    }

    @Test("remixing an entry recorded as A1111 text brings it back as weighted parts")
    func remixSplits() {
        var state = Scenes.history()
        for index in state.history.entries.indices {
            guard let recorded = state.history.entries[index].request else { continue }
            state.history.entries[index].request = GenerationRequest(
                provider: recorded.provider, model: recorded.model,
                parts: [PromptPart("((a lighthouse)), [fog]"), PromptPart("(blurry:1.2)", weight: -1)], settings: recorded.settings)
            state.history.entries[index].composed = nil
        }
        Scenes.press(&state, KeyPress(.enter), .char("j"), .char("r"))
        #expect(summary(state) == ["text:a lighthouse@1.21", "text:fog@0.9091", "text:blurry@-1.2"])
        #expect(state.message?.text.contains("split into 3 weighted parts") == true)
    }
}
