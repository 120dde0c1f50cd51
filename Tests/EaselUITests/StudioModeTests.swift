import EaselCore
@testable import EaselUI
import Testing

/// One order decides what has the keyboard: the key contexts and "typing?" read the same mode.
struct StudioModeTests {
    func state(_ focus: Focus = .prompt) -> AppState {
        var state = AppState(context: .sandbox(), width: 120, height: 40, provider: .openAI, model: "gpt-image-1")
        state.focus = focus
        return state
    }

    @Test("a question beats help, help beats a field, a field beats the viewer")
    func precedence() {
        var state = state(.jobs)
        state.viewer = ViewerState(images: [])
        #expect(state.mode == .viewer && !state.mode.isTyping)
        state.export = ExportPrompt(source: "/tmp/a.png", directory: "/tmp")
        #expect(state.mode == .exporting && state.mode.isTyping)
        state.showHelp = true
        #expect(state.mode == .help && Reducer.keyContexts(state) == [.help, .global])
        state.confirmingQuit = true
        #expect(state.mode == .confirmingQuit && !Reducer.isTyping(state))
    }

    @Test("the history's overlays hold the keyboard only while the history pane has the focus")
    func historyOverlays() {
        var state = state(.historyList)
        state.history.renaming = TextEditor(maxLength: 100)
        #expect(state.mode == .renaming && state.mode.isTyping)
        state.focus = .prompt
        #expect(state.mode == .section(.prompt, editingField: false) && state.mode.isTyping)
        state.focus = .jobs
        #expect(state.mode == .section(.jobs, editingField: false) && !state.mode.isTyping)
        #expect(Reducer.keyContexts(state) == [.jobs, .global, .outsideText])
        // A delete question holds it wherever the focus is, and nothing types.
        state.history.confirmingDelete = 7
        #expect(state.mode == .confirmingDelete && !state.mode.isTyping)
    }

    @Test("every mode's contexts exist in the keymap, and typing modes never take bare letters from outside_text")
    func contextsAreBound() {
        let modes: [StudioMode] = [
            .confirmingQuit, .confirmingSend, .help, .exporting, .addingInputPath, .maskEditor(confirmingLeave: false),
            .maskEditor(confirmingLeave: true), .viewer, .ledger, .comparison, .confirmingDelete, .importing, .renaming,
        ] + Focus.allCases.flatMap { [StudioMode.section($0, editingField: false), .section($0, editingField: true)] }
        for mode in modes {
            for context in mode.keyContexts {
                #expect(Keymap.standard.bindings.contains { $0.context == context }, "\(mode): \(context)")
            }
            if mode.isTyping { #expect(!mode.keyContexts.contains(.outsideText), "\(mode)") }
        }
    }

    @Test("help opened over a field scrolls with the arrows, as its hints say (they went to the field)")
    func helpOverAFieldScrolls() {
        var state = Scenes.fresh(width: 80, height: 16)
        state.export = ExportPrompt(source: "/tmp/a.png", directory: "/tmp")
        _ = Scenes.press(&state, KeyPress(.function(1)))
        #expect(state.mode == .help)
        _ = Scenes.press(&state, KeyPress(.down), KeyPress(.down))
        #expect(state.helpScroll == 2)
        #expect(state.export?.editor.text == "/tmp", "the field underneath is untouched")
        _ = Scenes.press(&state, KeyPress(.escape))
        #expect(state.mode == .exporting)
    }

    @Test("the history's overlays are one value: opening one replaces another, closing one leaves the others")
    func historyOverlayIsOne() {
        var history = HistoryState(available: true)
        history.renaming = TextEditor(maxLength: 10)
        history.renaming?.insert("ab")
        #expect(history.renaming?.text == "ab" && history.overlay == .renaming(history.renaming!))
        history.ledger = nil
        #expect(history.renaming?.text == "ab", "closing what is not open closes nothing")
        history.confirmingDelete = 3
        #expect(history.renaming == nil && history.confirmingDelete == 3)
        history.confirmingDelete = nil
        #expect(history.overlay == nil)
    }
}
