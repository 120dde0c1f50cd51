import EaselCore
@testable import EaselUI
import Testing

/// `E` on an image makes the composer edit it: the image (and the mask drawn for it) become the
/// inputs, a model that cannot edit gives way to one that can, Enter sends an edit, Alt-X goes
/// back to generating.
@Suite("Edit mode")
struct EditModeTests {
    static func openAIJobs() -> AppState {
        var state = Scenes.jobs()
        state.compose.provider = .openAI
        state.compose.model = "dall-e-3"
        return state
    }

    @Test("E on a finished job's image edits it; the model switches to one that can edit; Enter sends an edit")
    func editFromAJob() {
        var state = Self.openAIJobs()
        Scenes.press(&state, .alt(.character("2")))
        // The done job: the fifth from the oldest.
        while state.jobs[state.selectedJob].phase != .done { Scenes.press(&state, .char("j")) }
        let image = Scenes.image(1).path
        state.savedMasks[image] = "/tmp/masks/mask-ab-1024x1024.png"
        // The only work asked for is reading the inputs (and their pictures).
        #expect(Scenes.press(&state, .char("E")).allSatisfy { effect in
            switch effect {
            case .inspectEditInputs, .loadPreview: true
            default: false
            }
        })
        #expect(state.compose.edit == EditDraft(images: [image], mask: "/tmp/masks/mask-ab-1024x1024.png"))
        #expect(state.focus == .prompt)
        #expect(state.compose.model != "dall-e-3")
        #expect(Catalog.bundled.provider(.openAI)?.model(state.compose.model)?.offers(.edit) == true)
        #expect(state.message?.text.contains("dall-e-3 cannot edit, so \(state.compose.model)") == true, "\(state.message?.text ?? "")")
        #expect(Renderer.render(state).grid.lines.contains { $0.contains("✎ editing 20261121-101500-ab12cd-1.png · mask") })
        state.compose.currentPart.editor = TextEditor(text: "make the sky green")
        let effects = Reducer.reduce(&state, .command(.submit))
        guard case .submitEdit(_, let request, let edit)? = effects.first else {
            Issue.record("Enter sends an edit, got \(effects)")
            return
        }
        #expect(request.operation == .edit)
        #expect(edit.images == [image] && edit.mask != nil)
        // Alt-X: back to generating.
        Scenes.press(&state, .alt(.character("x")))
        #expect(state.compose.edit == nil)
        state.compose.currentPart.editor = TextEditor(text: "a green sky")
        guard case .submit? = Reducer.reduce(&state, .command(.submit)).first else {
            Issue.record("after Alt-X Enter generates")
            return
        }
    }

    @Test("A adds the image to the inputs; a provider without edits is named, with those that can")
    func addAndRefuse() {
        var state = Scenes.jobs()
        Scenes.press(&state, .alt(.character("2")))
        while state.jobs[state.selectedJob].phase != .done { Scenes.press(&state, .char("j")) }
        Scenes.press(&state, .char("E"))
        #expect(state.message?.kind == .warning)
        #expect(state.message?.text.contains("ai-client cannot edit images — choose openai") == true, "\(state.message?.text ?? "")")
        Scenes.press(&state, .alt(.character("2")), .char("v"), .char("n"), .char("A"))
        #expect(state.compose.edit?.images == [Scenes.image(1).path, Scenes.image(2).path])
    }

    @Test("E with nothing saved here says so")
    func nothingToEdit() {
        var state = Scenes.fresh()
        Scenes.press(&state, .alt(.character("2")), .char("E"))
        #expect(state.compose.edit == nil)
        #expect(state.message?.text == "nothing to edit: the image is not saved on this machine")
    }

    @Test("V makes variations: dall-e-2 takes over, no prompt is sent, Enter sends a variation")
    func vary() {
        var state = Self.openAIJobs()
        Scenes.press(&state, .alt(.character("2")))
        while state.jobs[state.selectedJob].phase != .done { Scenes.press(&state, .char("j")) }
        Scenes.press(&state, .char("V"))
        // The source's prompt is kept for models whose variations take one; dall-e-2's do not.
        #expect(state.compose.edit == EditDraft(images: [Scenes.image(1).path], operation: .variation, sourcePrompt: "a lighthouse at dusk number 5"))
        #expect(state.compose.model == "dall-e-2")
        #expect(state.compose.request.parts.isEmpty, "variations take no prompt")
        #expect(Renderer.render(state).grid.lines.contains { $0.contains("⟳ variations of 20261121-101500-ab12cd-1.png") })
        guard case .submitEdit(_, let request, let edit)? = Reducer.reduce(&state, .command(.submit)).first else {
            Issue.record("Enter sends the variation")
            return
        }
        #expect(request.operation == .variation && edit.operation == .variation)
    }
}

