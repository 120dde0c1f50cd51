extension Reducer {
    /// A click focuses the pane (and the section, and the row) under it; the wheel moves the
    /// selection of the list under the pointer. Hit-testing uses the same layout as drawing.
    static func mouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        guard !state.confirmingQuit, state.confirmingSend == nil, !state.showHelp else { return [] }
        if state.maskEditor != nil {
            guard state.maskEditor?.confirmingLeave == false else { return [] }
            switch event.kind {
            case .press(let button) where button == 1 || button == 3:
                return maskCommand(&state, .mousePress(x: event.x, y: event.y, erase: button == 3, modifiers: event.modifiers))
            case .drag:
                return maskCommand(&state, .mouseDrag(x: event.x, y: event.y))
            case .release:
                return maskCommand(&state, .mouseRelease(x: event.x, y: event.y))
            default:
                return []
            }
        }
        // Outside the editor only presses and the wheel mean anything.
        switch event.kind {
        case .release, .drag: return []
        case .press, .wheelUp, .wheelDown: break
        }
        let layout = StudioLayout(state)
        if layout.titleBar.contains(x: event.x, y: event.y), case .press = event.kind {
            return clickTab(&state, x: event.x)
        }
        if let history = layout.history, let pane = layout.panes[.history], pane.contains(x: event.x, y: event.y) {
            return historyMouse(&state, event, history)
        }
        if let compose = layout.compose, let pane = layout.panes[.compose], pane.contains(x: event.x, y: event.y) {
            return composeMouse(&state, event, compose)
        }
        if let progress = layout.progress, let pane = layout.panes[.progress], pane.contains(x: event.x, y: event.y) {
            var effects: [Effect] = []
            if state.focus != .jobs { effects = apply(&state, .focusPane(.progress)) }
            switch event.kind {
            case .wheelUp: moveJobSelection(&state, .selectPrevious)
            case .wheelDown: moveJobSelection(&state, .selectNext)
            case .release, .drag: break
            case .press:
                if let row = listRow(event, progress.list, selected: state.selectedJob, count: state.jobs.count) {
                    state.selectedJob = row
                }
            }
            return effects
        }
        return []
    }

    /// A click on a title-bar tab focuses its pane, in every layout (the tabs are drawn in all).
    private static func clickTab(_ state: inout AppState, x: Int) -> [Effect] {
        for (pane, range) in TitleBarTabs.ranges(state) where range.contains(x) {
            return apply(&state, .focusPane(pane))
        }
        return []
    }

    private static func composeMouse(_ state: inout AppState, _ event: MouseEvent, _ layout: ComposeLayout) -> [Effect] {
        let catalog = state.context.catalog
        if layout.parts.contains(x: event.x, y: event.y) || layout.partsHeader.contains(x: event.x, y: event.y) {
            _ = focus(&state, .parts)
            switch event.kind {
            case .wheelUp: composeCommand(&state, .selectPrevious)
            case .wheelDown: composeCommand(&state, .selectNext)
            case .release, .drag: break
            case .press:
                if let row = listRow(event, layout.parts, selected: state.compose.selectedPart, count: state.compose.parts.count) {
                    state.compose.selectedPart = row
                }
            }
        } else if layout.settings.contains(x: event.x, y: event.y) || layout.settingsHeader.contains(x: event.x, y: event.y) {
            _ = focus(&state, .settings)
            let count = SettingRow.rows(for: state.compose, catalog: catalog).count
            switch event.kind {
            case .wheelUp: composeCommand(&state, .selectPrevious)
            case .wheelDown: composeCommand(&state, .selectNext)
            case .release, .drag: break
            case .press:
                if let row = listRow(event, layout.settings, selected: state.compose.selectedSetting, count: count) {
                    state.compose.selectedSetting = row
                }
            }
        } else {
            _ = focus(&state, .prompt)
            if case .wheelUp = event.kind { composeCommand(&state, .cursorUp) }
            if case .wheelDown = event.kind { composeCommand(&state, .cursorDown) }
        }
        return []
    }

    private static func historyMouse(_ state: inout AppState, _ event: MouseEvent, _ layout: HistoryLayout) -> [Effect] {
        if layout.searchLine.contains(x: event.x, y: event.y), case .press = event.kind {
            state.focus = .historySearch
            return []
        }
        if let list = layout.list, list.contains(x: event.x, y: event.y) {
            state.focus = .historyList
            switch event.kind {
            case .wheelUp: return historyCommand(&state, .selectPrevious)
            case .wheelDown: return historyCommand(&state, .selectNext)
            case .release, .drag: return []
            case .press:
                let window = ListWindow(list, count: state.history.listCount, selected: state.history.selected, halfPagesFrom: state.history.listTop)
                guard let row = window.index(atRow: event.y) else { return [] }
                state.history.selected = row
                state.history.listTop = window.first
                return selectionEffects(&state)
            }
        }
        if let entries = layout.entries, entries.contains(x: event.x, y: event.y), state.history.entriesThread != nil {
            state.focus = .historyEntries
            switch event.kind {
            case .wheelUp: return historyCommand(&state, .selectPrevious)
            case .wheelDown: return historyCommand(&state, .selectNext)
            case .press, .release, .drag: return []
            }
        }
        return []
    }

    /// The list index under the pointer, given how the list is scrolled.
    private static func listRow(_ event: MouseEvent, _ rect: Rect, selected: Int, count: Int) -> Int? {
        guard rect.contains(x: event.x, y: event.y) else { return nil }
        return ListWindow(rect, count: count, selected: selected).index(atRow: event.y)
    }
}
