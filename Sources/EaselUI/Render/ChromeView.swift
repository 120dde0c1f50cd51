import EaselCore

/// The studio's frame around the panes: the title bar with tabs, the message line, the status
/// bar of key hints, and the quit confirmation.
enum ChromeView {
    static func drawTitleBar(_ grid: inout CellGrid, _ state: AppState, _ layout: StudioLayout) {
        let bar = layout.titleBar
        grid.put(" Easel ", in: bar, row: bar.y, style: CellStyle(.title, attributes: .bold))
        for (pane, range) in TitleBarTabs.ranges(state) {
            let focused = state.focusedPane == pane
            let style = focused ? CellStyle(.selection, attributes: .bold) : CellStyle(.dimText)
            grid.put(TitleBarTabs.label(pane, state), in: bar, row: bar.y, indent: range.lowerBound, style: style)
        }
        let badge: (String, UIRole)
        let access = state.context.access[state.compose.provider]
        switch access {
        case .sandbox?:
            badge = state.context.implicitSandbox
                ? ("sandbox · no provider configured", .warning) : ("sandbox", .accent)
        case .configured(let host)?:
            badge = (host ?? state.compose.provider.rawValue, .dimText)
        case .missingKey?, nil:
            badge = ("\(state.compose.provider): no key", .error)
        }
        let tabsEnd = (TitleBarTabs.ranges(state).last?.1.upperBound ?? 0) + 2
        let room = bar.width - tabsEnd - 1
        if room >= 8 {
            let text = DisplayText.truncate(badge.0, toWidth: room)
            grid.putRight(text + " ", in: bar, row: bar.y, style: CellStyle(badge.1))
        }
    }

    static func drawMessage(_ grid: inout CellGrid, _ state: AppState, _ layout: StudioLayout) {
        guard let message = state.message else { return }
        let role: UIRole
        switch message.kind {
        case .info: role = .text
        case .success: role = .success
        case .warning: role = .warning
        case .error: role = .error
        }
        let bar = layout.messageBar
        grid.put(" " + DisplayText.truncate(TerminalText.oneLine(message.text), toWidth: bar.width - 1), in: bar, row: bar.y, style: CellStyle(role))
    }

    /// The export field on the message line; returns where the cursor goes.
    static func drawExportField(_ grid: inout CellGrid, _ export: ExportPrompt, _ layout: StudioLayout) -> CursorPosition? {
        drawField(&grid, label: "export to directory: ", editor: export.editor, layout)
    }

    /// A one-line field on the message bar, after its label.
    static func drawField(_ grid: inout CellGrid, label: String, editor: TextEditor, _ layout: StudioLayout) -> CursorPosition? {
        let line = layout.messageBar
        guard !line.isEmpty else { return nil }
        grid.fill(line, style: .background)
        let x = grid.put(label, in: line, row: line.y, style: CellStyle(.accent, attributes: .bold))
        let room = max(1, line.width - x - 1)
        // Long paths scroll so the cursor stays visible.
        let before = String(editor.characters.prefix(editor.cursor))
        let skip = max(0, CharacterWidth.of(before) - room + 1)
        let visible = String(editor.text.dropFirst(skip))
        grid.put(visible, in: line, row: line.y, indent: x, style: editor.fieldStyle)
        return CursorPosition(x: min(line.maxX - 1, line.x + x + CharacterWidth.of(before) - skip), y: line.y)
    }

    static func drawStatusBar(_ grid: inout CellGrid, _ state: AppState, _ layout: StudioLayout, keymap: Keymap, contexts current: [KeyContext]) {
        let bar = layout.statusBar
        grid.fill(bar, style: CellStyle(.selection))
        var x = 1
        // Over the help overlay only its own keys are worth a hint.
        let contexts = state.showHelp && !state.confirmingQuit ? [KeyContext.help] : current
        // The status bar also says when jobs go to the sandbox, so it is never mistaken for a
        // real provider; hints yield the room to it.
        let sandboxNote = state.context.access[state.compose.provider] == .sandbox ? " sandbox " : ""
        let end = bar.width - CharacterWidth.of(sandboxNote) - 1
        if !sandboxNote.isEmpty, end > 10 {
            grid.putRight(sandboxNote, in: bar, row: bar.y, style: CellStyle(.warning, attributes: [.reverse, .bold]))
        }
        for hint in keymap.hints(for: contexts) {
            let keys = hint.prefix { $0 != " " }
            let what = hint.dropFirst(keys.count)
            guard x + CharacterWidth.of(hint) < (sandboxNote.isEmpty ? bar.width : end) else { break }
            x += grid.put(String(keys), x: x, y: bar.y, style: CellStyle(.selection, attributes: .bold))
            x += grid.put(String(what), x: x, y: bar.y, style: CellStyle(.selection))
            x += 2
        }
    }

    static func drawQuitConfirmation(_ grid: inout CellGrid, _ state: AppState) {
        // The question is the last line and must show even on a small screen.
        var lines = quitLines(state, width: min(64, grid.width - 6))
        if lines.count > grid.height - 2 { lines = lines.prefix(max(0, grid.height - 3)) + [lines[lines.count - 1]] }
        let width = min(grid.width - 2, (lines.map { CharacterWidth.of($0) }.max() ?? 0) + 4)
        let height = lines.count + 2
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        grid.fill(rect, style: .background)
        grid.box(rect, title: "Quit?", focused: true)
        for (offset, line) in lines.enumerated() {
            let style = offset == lines.count - 1 ? CellStyle(.warning, attributes: .bold) : CellStyle(.text)
            grid.put(line, in: Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: lines.count), row: rect.y + 1 + offset, style: style)
        }
    }
}
