import EaselCore

/// Draws the whole studio for a state: a pure function from `AppState` to a `Frame`.
public enum Renderer {
    /// Renders `state`, with help and hints taken from its keymap (`StudioContext.keymap`).
    public static func render(_ state: AppState) -> Frame {
        let keymap = state.context.keymap
        var grid = CellGrid(width: state.width, height: state.height)
        let derived = DerivedState(state)
        let layout = derived.layout
        guard layout.mode != .tooSmall else {
            drawTooSmall(&grid, state)
            return Frame(grid: grid)
        }
        ChromeView.drawTitleBar(&grid, state, layout)
        var cursor: CursorPosition?
        if let editor = state.maskEditor {
            MaskView(state: state, editor: editor).draw(&grid)
        } else if let viewer = state.viewer {
            ViewerView(state: state, viewer: viewer).draw(&grid)
        } else if let rect = layout.panes[.compose], let compose = layout.compose {
            if layout.bordered { grid.box(rect, title: PaneID.compose.title, focused: state.focusedPane == .compose) }
            cursor = ComposeView(state: state, layout: compose, validation: derived.validation ?? state.validation).draw(&grid)
        }
        if state.viewer == nil, let rect = layout.panes[.progress], let progress = layout.progress {
            if layout.bordered {
                let running = state.activeJobCount - state.queue.count
                let title = PaneID.progress.title + (running > 0 ? " · \(running) running" : "")
                    + (state.queue.isEmpty ? "" : " · \(state.queue.count) queued")
                grid.box(rect, title: title, focused: state.focusedPane == .progress)
            }
            ProgressView(state: state, layout: progress).draw(&grid)
        }
        if state.viewer == nil, let rect = layout.panes[.history], let history = layout.history {
            if layout.bordered { grid.box(rect, title: PaneID.history.title, focused: true) }
            cursor = HistoryView(state: state, layout: history, images: derived.historyImages).draw(&grid)
        }
        ChromeView.drawMessage(&grid, state, layout)
        if let export = state.export { cursor = ChromeView.drawExportField(&grid, export, layout) }
        if let path = state.inputPath { cursor = ChromeView.drawField(&grid, label: "add input image: ", editor: path, layout) }
        ChromeView.drawStatusBar(&grid, state, layout, keymap: keymap, contexts: derived.keyContexts)
        if state.showHelp {
            HelpOverlay.draw(&grid, state, keymap: keymap)
            cursor = nil
        }
        if state.confirmingQuit {
            ChromeView.drawQuitConfirmation(&grid, state)
            cursor = nil
        }
        return Frame(grid: grid, cursor: cursor)
    }

    private static func drawTooSmall(_ grid: inout CellGrid, _ state: AppState) {
        let lines = [
            "Terminal too small",
            "\(state.width)×\(state.height); Easel needs \(StudioLayout.minimumWidth)×\(StudioLayout.minimumHeight)",
            "\(state.key(.quit, in: .global)) quits",
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let width = CharacterWidth.of(line)
            let style = offset == 0 ? CellStyle(.warning, attributes: .bold) : CellStyle(.dimText)
            grid.put(line, x: max(0, (state.width - width) / 2), y: top + offset, style: style)
        }
    }
}
