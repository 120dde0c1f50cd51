import EaselCore
@testable import EaselUI
import Testing

/// Help lists every key with the focused pane's first; the title bar's tabs take clicks at
/// every size; each one-line prompt's hints name its own action.
@Suite("Keys and help")
struct KeysAndHelpTests {
    /// The section headings of the help overlay, in order.
    static func headings(_ state: AppState) -> [String] {
        HelpContent.lines(state).filter(\.2).map(\.0)
    }

    @Test("F1 lists every pane's keys, the focused section's first, each under its own heading")
    func helpListsEverything() {
        var state = Scenes.jobs()
        Scenes.press(&state, .alt(.character("2")), KeyPress(.function(1)))
        let headings = Self.headings(state)
        #expect(headings.first == KeyContext.jobs.title)
        for context: KeyContext in [.prompt, .parts, .settings, .field, .historyList, .historyEntries, .historySearch, .viewer, .exportField, .global] {
            #expect(headings.contains(context.title), "help has no \(context.title) section")
        }
        #expect(Set(headings).count == headings.count, "a section appears twice")
        var prompt = Scenes.fresh()
        Scenes.press(&prompt, KeyPress(.function(1)))
        #expect(Self.headings(prompt).first == KeyContext.prompt.title)
        #expect(Self.headings(prompt).count == headings.count)
    }

    @Test("help starts with the graphics protocol in use and why, as easel doctor says it")
    func helpShowsTheGraphicsSummary() {
        var state = Scenes.fresh()
        state.context.graphicsSummary = "sixel — DA1 lists sixel (attribute 4)"
        Scenes.press(&state, KeyPress(.function(1)))
        #expect(Self.headings(state).first == "Pictures")
        let text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(text.contains("sixel — DA1 lists sixel (attribute 4)"))
        var unknown = Scenes.fresh()
        Scenes.press(&unknown, KeyPress(.function(1)))
        #expect(!Self.headings(unknown).contains("Pictures"))
    }

    @Test("the whole help can be scrolled to its last line")
    func helpScrollsToTheEnd() {
        var state = Scenes.fresh()
        Scenes.press(&state, KeyPress(.function(1)))
        for _ in 0..<40 { Scenes.press(&state, KeyPress(.pageDown)) }
        let last = HelpContent.lines(state).last { !$0.2 && !$0.0.isEmpty }
        let text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(last.map { text.contains($0.1) } == true, "the last key's help is never shown")
    }

    @Test("a click on a title-bar tab switches panes at every size", arguments: [(80, 24), (120, 40), (200, 50)])
    func tabsTakeClicks(size: (Int, Int)) {
        var state = Scenes.fresh(width: size.0, height: size.1)
        let tabs = TitleBarTabs.ranges(state)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: tabs[2].1.lowerBound + 2, y: 0))))
        #expect(state.focus == .historyList)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: tabs[1].1.lowerBound + 1, y: 0))))
        #expect(state.focus == .jobs)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: tabs[0].1.upperBound - 1, y: 0))))
        #expect(state.focus == .prompt)
    }

    @Test("importing a thread: the hint says Enter imports, not renames")
    func importHint() {
        var state = Scenes.history()
        Scenes.press(&state, .char("i"))
        let hints = Keymap.standard.hints(for: Reducer.keyContexts(state))
        #expect(hints.contains("Enter import"))
        #expect(!hints.contains { $0.contains("rename") })
        let bar = Renderer.render(state).grid.lines[state.height - 1]
        #expect(bar.contains("Enter import") && !bar.contains("rename"))
        Scenes.press(&state, KeyPress(.escape), .char("R"))
        #expect(Keymap.standard.hints(for: Reducer.keyContexts(state)).contains("Enter rename"))
    }
}
