/// The pane tabs in the title bar: their text and the columns they cover, shared by drawing
/// and by mouse clicks on them.
enum TitleBarTabs {
    /// Where the tabs start (after " Easel ").
    static let start = 8

    /// Each tab's label; on a narrow terminal only the focused tab spells its name.
    static func label(_ pane: PaneID, _ state: AppState) -> String {
        var text = state.width < 64 && state.focusedPane != pane ? "\(pane.rawValue)" : "\(pane.rawValue) \(pane.title)"
        if pane == .progress, state.activeJobCount > 0 { text += " (\(state.activeJobCount))" }
        return " \(text) "
    }

    /// The columns of each tab.
    static func ranges(_ state: AppState) -> [(PaneID, Range<Int>)] {
        var x = start
        return PaneID.allCases.map { pane in
            let width = label(pane, state).count
            defer { x += width + 1 }
            return (pane, x..<(x + width))
        }
    }
}
