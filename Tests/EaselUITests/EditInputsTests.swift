import EaselCore
@testable import EaselUI
import Testing

/// The composer in edit mode shows each input (a small picture, its size and format, the mask
/// marked), says on its line when the model cannot take it, offers the exact conversion as a
/// key, and refuses to send until the input fits.
@Suite("Edit inputs in the composer")
struct EditInputsTests {
    static let mask = "/tmp/masks/mask-ab-1536x1024.png"

    /// An edit of the finished job's image on dall-e-2 (square PNG under 4 MiB only), with a mask.
    static func editing(width: Int = 80, height: Int = 24) -> (AppState, [Effect]) {
        var state = Scenes.jobs(width: width, height: height)
        state.compose.provider = .openAI
        state.compose.model = "dall-e-2"
        Scenes.press(&state, .alt(.character("2")))
        while state.jobs[state.selectedJob].phase != .done { Scenes.press(&state, .char("j")) }
        state.savedMasks[Scenes.image(1).path] = mask
        let effects = Scenes.press(&state, .char("E"))
        state.compose.currentPart.editor = TextEditor(text: "make the sky green")
        return (state, effects)
    }

    static func checkAsked(_ effects: [Effect]) -> EditCheck? {
        effects.lazy.compactMap { if case .inspectEditInputs(let check) = $0 { check } else { nil } }.first
    }

    /// The reports the studio would send for a 1536×1024 JPEG with its mask.
    static func unfitReports(_ check: EditCheck) -> EditReports {
        EditReports(check: check, inputs: [
            EditInputReport(
                path: check.images[0], isMask: false, format: "JPEG", width: 1536, height: 1024, bytes: 2_140_000,
                problem: "not square for dall-e-2",
                offers: [
                    EditFitOffer(mode: .pad, label: "pad 1536×1536"),
                    EditFitOffer(mode: .crop, label: "crop 1024×1024"),
                ]),
            EditInputReport(path: mask, isMask: true, format: "PNG", width: 1536, height: 1024, bytes: 40_000),
        ])
    }

    @Test("E asks for the inputs to be checked against the model's rules once; a new model asks again")
    func inspectionIsAskedOnce() throws {
        var (state, effects) = Self.editing()
        let check = try #require(Self.checkAsked(effects), "\(effects)")
        #expect(check.images == [Scenes.image(1).path] && check.mask == Self.mask && check.model == "dall-e-2")
        #expect(check.rules == Catalog.bundled.model("dall-e-2", of: .openAI)?.operation(.edit)?.inputs)
        #expect(Self.checkAsked(Scenes.press(&state, .char("x"))) == nil, "typing does not ask again")
        _ = Reducer.reduce(&state, .editInputsInspected(Self.unfitReports(check)))
        #expect(state.currentEditReports?.count == 2)
        state.compose.model = "gpt-image-1"
        let again = try #require(Self.checkAsked(Reducer.reduce(&state, .tick(now: 1))))
        #expect(again.model == "gpt-image-1")
        #expect(state.currentEditReports == nil, "the old model's reports are not shown for the new one")
    }

    @Test("an input that does not fit is said on its line with the conversions, and Enter sends nothing")
    func unfitInputRefusesToSend() throws {
        var (state, effects) = Self.editing()
        let check = try #require(Self.checkAsked(effects))
        _ = Reducer.reduce(&state, .editInputsInspected(Self.unfitReports(check)))
        let lines = Renderer.render(state).grid.lines
        #expect(lines.contains { $0.contains("1536×1024 JPEG 2.1 MB") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("✗ not square for dall-e-2 — Alt-P pad 1536×1536, Alt-C crop 1024×1024") })
        #expect(lines.contains { $0.contains("mask mask-ab-1536x1024.png") })
        let sent = Reducer.reduce(&state, .command(.submit))
        #expect(!sent.contains { if case .submitEdit = $0 { true } else { false } }, "\(sent)")
        #expect(state.message?.kind == .error)
        #expect(state.message?.text.hasPrefix("nothing was sent: 20261121-101500-ab12cd-1.png: not square for dall-e-2 — Alt-P pad") == true, "\(state.message?.text ?? "")")
    }

    @Test("Alt-P asks for the padded copy; a conversion not offered is refused; the copy replaces the input")
    func convertOnRequest() throws {
        var (state, effects) = Self.editing()
        let check = try #require(Self.checkAsked(effects))
        #expect(Scenes.press(&state, .alt(.character("p"))).isEmpty, "nothing to convert before the reports arrive")
        #expect(state.message?.text.contains("still being checked") == true)
        _ = Reducer.reduce(&state, .editInputsInspected(Self.unfitReports(check)))
        #expect(Scenes.press(&state, .alt(.character("s"))).isEmpty)
        #expect(state.message?.text.contains("that conversion is not offered") == true, "\(state.message?.text ?? "")")
        let asked = Scenes.press(&state, .alt(.character("p")))
        #expect(asked.contains(.convertEditInput(EditConversion(path: Scenes.image(1).path, mode: .pad, check: check))), "\(asked)")
        #expect(state.compose.edit?.images == [Scenes.image(1).path], "nothing changes until the copy is made")

        let copy = "/data/inputs/ab/abcdef.png"
        let after = Reducer.reduce(&state, .editInputConverted(EditConverted(
            original: Scenes.image(1).path, replacement: copy, maskReplacement: "/data/inputs/cd/mask.png", note: "padded to 1536×1536")))
        #expect(state.compose.edit?.images == [copy])
        #expect(state.compose.edit?.mask == "/data/inputs/cd/mask.png")
        #expect(state.compose.edit?.parentSource == Scenes.image(1).path, "the lineage still names the picked image")
        #expect(Self.checkAsked(after)?.images == [copy], "the copy is checked in its turn")
        #expect(state.message?.kind == .success)
    }

    @Test("a conversion that arrives after the input was dropped changes nothing")
    func staleConversionIgnored() {
        var (state, _) = Self.editing()
        Scenes.press(&state, .alt(.character("x")))
        _ = Reducer.reduce(&state, .editInputConverted(EditConverted(original: Scenes.image(1).path, replacement: "/x.png", note: "n")))
        #expect(state.compose.edit == nil)
    }

    @Test("the composer wants a small picture of each input")
    func picturesWanted() {
        let (state, _) = Self.editing()
        let keys = Reducer.wantedPreviews(state)
        #expect(keys.contains(PreviewKey(path: Scenes.image(1).path, columns: 6, rows: 2)))
        #expect(keys.contains(PreviewKey(path: Self.mask, columns: 6, rows: 2)))
    }

    @Test("snapshot: inputs with pictures, one that does not fit", arguments: [(80, 24), (40, 12)])
    func snapshot(size: (Int, Int)) throws {
        var (state, effects) = Self.editing(width: size.0, height: size.1)
        if size.0 < 80 { Scenes.press(&state, .alt(.character("1"))) }
        let check = try #require(Self.checkAsked(effects))
        _ = Reducer.reduce(&state, .editInputsInspected(Self.unfitReports(check)))
        for key in Reducer.wantedPreviews(state) {
            _ = Reducer.reduce(&state, .previewLoaded(key, ViewerSnapshotTests.picture(columns: key.columns, rows: key.rows)))
        }
        Snapshot.check(Renderer.render(state), named: "compose-edit-inputs-\(size.0)x\(size.1)")
    }
}

/// Alt-A in edit mode: a path typed on the message bar, Tab asking the edge for completions,
/// Enter adding the image to the inputs.
@Suite("Edit inputs by path")
struct InputPathTests {
    @Test("Alt-A opens the field; Tab asks to complete; the completion fills it; Enter adds the image")
    func typeCompleteAdd() {
        var (state, _) = EditInputsTests.editing()
        Scenes.press(&state, .alt(.character("a")))
        #expect(state.inputPath != nil)
        #expect(Reducer.keyContexts(state).first == .inputPathField)
        Scenes.type(&state, "~/pic")
        #expect(Scenes.press(&state, KeyPress(.tab)) == [.completePath("~/pic")])
        _ = Reducer.reduce(&state, .pathCompleted(typed: "~/pic", completion: "/home/ada/pictures/", matches: ["pictures/", "pics/"]))
        #expect(state.inputPath?.text == "/home/ada/pictures/")
        #expect(state.message?.text == "2 matches: pictures/  pics/")
        // A late answer for what is no longer typed changes nothing.
        _ = Reducer.reduce(&state, .pathCompleted(typed: "~/pic", completion: "/elsewhere", matches: ["x"]))
        #expect(state.inputPath?.text == "/home/ada/pictures/")
        Scenes.type(&state, "cat.png")
        #expect(Renderer.render(state).grid.lines.contains { $0.contains("add input image: /home/ada/pictures/cat.png") })
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.inputPath == nil)
        #expect(state.compose.edit?.images == [Scenes.image(1).path, "/home/ada/pictures/cat.png"])
    }

    @Test("a relative path is not added until Tab makes it whole; Esc adds nothing; variations take one image")
    func refusals() {
        var (state, _) = EditInputsTests.editing()
        Scenes.press(&state, .alt(.character("a")))
        Scenes.type(&state, "cat.png")
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.inputPath != nil && state.message?.kind == .warning)
        Scenes.press(&state, KeyPress(.escape))
        #expect(state.inputPath == nil && state.compose.edit?.images.count == 1)
        state.compose.edit?.operation = .variation
        Scenes.press(&state, .alt(.character("a")))
        #expect(state.inputPath == nil && state.message?.text.hasPrefix("variations take one image") == true)
    }
}
