/// Where everything goes at the current terminal size. Rendering draws into these rectangles
/// and the reducer hit-tests mouse clicks against the same ones, so a click lands on what is
/// drawn there.
public struct StudioLayout: Sendable, Hashable {
    /// How the panes share the screen.
    public enum Mode: Sendable, Hashable {
        /// Below 40×12: only a notice.
        case tooSmall
        /// One pane at a time, without borders (40×12 up to 80×24).
        case narrow
        /// Compose above progress (80×24 and up), each the full width.
        case stacked
        /// Compose beside progress (160 columns and up: below that the progress pane would be
        /// too narrow for a job's prompt and state on one row).
        case sideBySide
    }

    /// The smallest terminal the studio draws panes in.
    public static let minimumWidth = 40
    public static let minimumHeight = 12
    /// The narrowest terminal that puts compose and progress side by side.
    public static let sideBySideWidth = 160

    public var mode: Mode
    public var titleBar = Rect(x: 0, y: 0, width: 0, height: 0)
    public var messageBar = Rect(x: 0, y: 0, width: 0, height: 0)
    public var statusBar = Rect(x: 0, y: 0, width: 0, height: 0)
    /// Each pane's outer rectangle (border included when it has one); absent panes are hidden.
    public var panes: [PaneID: Rect] = [:]
    /// Whether panes have a border.
    public var bordered = false
    public var compose: ComposeLayout?
    public var progress: ProgressLayout?
    public var history: HistoryLayout?

    /// Lays out `state`'s screen.
    public init(_ state: AppState) {
        self.init(state, historyImages: state.focusedPane == .history ? state.historyImages : [])
    }

    /// Lays out `state`'s screen, given the history images it would preview (`DerivedState`
    /// works them out once for the layout and the views).
    init(_ state: AppState, historyImages: [ViewerImage]) {
        let width = state.width
        let height = state.height
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            mode = .tooSmall
            return
        }
        titleBar = Rect(x: 0, y: 0, width: width, height: 1)
        messageBar = Rect(x: 0, y: height - 2, width: width, height: 1)
        statusBar = Rect(x: 0, y: height - 1, width: width, height: 1)
        let body = Rect(x: 0, y: 1, width: width, height: height - 3)
        if state.focusedPane == .history {
            // Browsing history wants the whole screen, in every layout.
            mode = width >= 80 && height >= 24 ? .stacked : .narrow
            bordered = mode != .narrow
            panes[.history] = body
            let wantsPreview = state.context.pictures && historyImages.first?.previewSource != nil
            history = HistoryLayout(inner: inner(body), focus: state.focus, wantsPreview: wantsPreview)
            return
        }
        if width >= Self.sideBySideWidth && height >= 20 {
            mode = .sideBySide
            bordered = true
            let composeWidth = width / 2
            panes[.compose] = Rect(x: 0, y: body.y, width: composeWidth, height: body.height)
            panes[.progress] = Rect(x: composeWidth, y: body.y, width: width - composeWidth, height: body.height)
        } else if width >= 80 && height >= 24 {
            mode = .stacked
            bordered = true
            // A tall terminal gives progress more rows: the composer rarely needs more than 20.
            let progressHeight = max(7, body.height * (height >= 32 ? 2 : 3) / (height >= 32 ? 5 : 10))
            panes[.compose] = Rect(x: 0, y: body.y, width: width, height: body.height - progressHeight)
            panes[.progress] = Rect(x: 0, y: body.maxY - progressHeight, width: width, height: progressHeight)
        } else {
            mode = .narrow
            panes[state.focusedPane] = body
        }
        if let rect = panes[.compose] {
            compose = ComposeLayout(inner: inner(rect), state: state.compose, catalog: state.context)
        }
        if let rect = panes[.progress] {
            let job = state.jobs.indices.contains(state.selectedJob) ? state.jobs[state.selectedJob] : nil
            progress = ProgressLayout(inner: inner(rect), wantsPreview: state.context.pictures && job?.previewPath != nil)
        }
    }

    /// A pane's drawing area inside its border.
    public func inner(_ rect: Rect) -> Rect {
        bordered ? Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2) : rect
    }
}

/// The compose pane's sections: a header naming the part being edited, the editor, the parts
/// list, the settings list, and lines for problems and notices.
public struct ComposeLayout: Sendable, Hashable {
    public var promptHeader: Rect
    public var editor: Rect
    public var partsHeader: Rect
    public var parts: Rect
    public var settingsHeader: Rect
    public var settings: Rect
    public var problems: Rect
    /// The edit's inputs, two rows each (a small picture, its size and format, what keeps it
    /// from the model); empty when not editing or when the pane has no room for them.
    public var inputs = Rect(x: 0, y: 0, width: 0, height: 0)

    /// Shares `inner` among the sections. Wide panes put parts and settings side by side under
    /// the editor; narrow ones stack them. Each section gets what it needs when there is room;
    /// when there is not, lists shrink first (they scroll), the editor last.
    init(inner: Rect, state: ComposeState, catalog: StudioContext) {
        // The inputs come first, when editing and the rest keeps room to write in.
        let count = state.edit.map { $0.images.count + ($0.mask == nil ? 0 : 1) } ?? 0
        let band = min(count, max(0, (inner.height - 8) / EditInputText.pictureRows)) * EditInputText.pictureRows
        guard band == 0 else {
            let rest = Rect(x: inner.x, y: inner.y + band, width: inner.width, height: inner.height - band)
            self.init(sections: rest, state: state, catalog: catalog)
            // The prompt's header stays on top; the inputs sit between it and the editor.
            inputs = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: band)
            promptHeader.y = inner.y
            return
        }
        self.init(sections: inner, state: state, catalog: catalog)
    }

    private init(sections inner: Rect, state: ComposeState, catalog: StudioContext) {
        let editorNeed = max(2, state.currentPart.editor.layout(width: max(1, inner.width)).count)
        let partsNeed = max(1, state.parts.count)
        let settingsNeed = max(1, SettingRow.rows(for: state, catalog: catalog.catalog).count)
        let problemRows = inner.height >= 12 ? 3 : (inner.height >= 9 ? 2 : 1)
        if inner.width >= 70 {
            self.init(sideBySide: inner, editorNeed: editorNeed, listNeed: max(partsNeed, settingsNeed), problemRows: problemRows)
        } else {
            self.init(stacked: inner, editorNeed: editorNeed, partsNeed: partsNeed, settingsNeed: settingsNeed, problemRows: problemRows)
        }
    }

    private init(sideBySide inner: Rect, editorNeed: Int, listNeed: Int, problemRows: Int) {
        let available = max(0, inner.height - 2 - problemRows)
        // The editor gets what its text needs, at least a third of the room when it is tall; the
        // lists take the rest, so they sit right under the text.
        let editorRows = min(max(editorNeed, available / 3), max(2, available - min(listNeed, 3)))
        let listRows = max(1, available - editorRows)
        let partsWidth = inner.width * 9 / 20
        let settingsX = inner.x + partsWidth + 2
        let settingsWidth = inner.maxX - settingsX
        promptHeader = Rect(x: inner.x, y: inner.y, width: inner.width, height: 1)
        editor = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: editorRows)
        let listTop = editor.maxY
        partsHeader = Rect(x: inner.x, y: listTop, width: partsWidth, height: 1)
        parts = Rect(x: inner.x, y: listTop + 1, width: partsWidth, height: listRows)
        settingsHeader = Rect(x: settingsX, y: listTop, width: settingsWidth, height: 1)
        settings = Rect(x: settingsX, y: listTop + 1, width: settingsWidth, height: listRows)
        let problemsTop = parts.maxY
        problems = Rect(x: inner.x, y: problemsTop, width: inner.width, height: max(0, inner.maxY - problemsTop))
    }

    private init(stacked inner: Rect, editorNeed: Int, partsNeed: Int, settingsNeed: Int, problemRows: Int) {
        let available = max(0, inner.height - 3 - problemRows)
        var editorRows = min(editorNeed, 4)
        var partsRows = min(partsNeed, 4)
        var settingsRows = settingsNeed
        // Shrink until it fits: settings first (they scroll), then the editor, then parts.
        while editorRows + partsRows + settingsRows > available {
            if settingsRows > 2 { settingsRows -= 1 } else if editorRows > 2 { editorRows -= 1 } else if partsRows > 1 {
                partsRows -= 1
            } else if editorRows > 1 { editorRows -= 1 } else if settingsRows > 1 { settingsRows -= 1 } else { break }
        }
        // Grow into spare room: the editor up to its text, then parts, then settings, then the editor.
        var spare = available - editorRows - partsRows - settingsRows
        for need in [editorNeed - editorRows, partsNeed - partsRows, settingsNeed - settingsRows].enumerated() {
            let grow = min(spare, max(0, need.element))
            spare -= grow
            switch need.offset {
            case 0: editorRows += grow
            case 1: partsRows += grow
            default: settingsRows += grow
            }
        }
        editorRows += max(0, spare)
        var y = inner.y
        func take(_ rows: Int) -> Rect {
            let rect = Rect(x: inner.x, y: y, width: inner.width, height: max(0, min(rows, inner.maxY - y)))
            y += rect.height
            return rect
        }
        promptHeader = take(1)
        editor = take(editorRows)
        partsHeader = take(1)
        parts = take(partsRows)
        settingsHeader = take(1)
        settings = take(settingsRows)
        problems = Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y))
    }
}

/// The history pane: the search line, the thread list (or search results) and the selected
/// thread's entries — side by side when very wide, the list above the entries at full width
/// from 80 columns (so titles, models and dates fit on a row), one at a time when narrow.
public struct HistoryLayout: Sendable, Hashable {
    public var searchLine: Rect
    public var list: Rect?
    public var entries: Rect?
    /// Beside or under the entries: the selected entry's picture, when there is one and room.
    public var preview: Rect?

    init(inner: Rect, focus: Focus, wantsPreview: Bool = false) {
        searchLine = Rect(x: inner.x, y: inner.y, width: inner.width, height: 1)
        let rest = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
        if inner.width >= StudioLayout.sideBySideWidth - 10 {
            let listWidth = inner.width / 2
            list = Rect(x: rest.x, y: rest.y, width: listWidth, height: rest.height)
            entries = Rect(x: rest.x + listWidth + 2, y: rest.y, width: rest.width - listWidth - 2, height: rest.height)
        } else if inner.width >= 76, rest.height >= 12 {
            let listRows = rest.height * 2 / 5
            list = Rect(x: rest.x, y: rest.y, width: rest.width, height: listRows)
            entries = Rect(x: rest.x, y: rest.y + listRows + 1, width: rest.width, height: rest.height - listRows - 1)
        } else if focus == .historyEntries {
            entries = rest
        } else {
            list = rest
        }
        if wantsPreview, let rect = entries, let split = PreviewSplit(rect, tall: 14, wide: 76, gap: 1) {
            entries = split.rest
            preview = split.preview
        }
    }
}

/// The progress pane: the job list, under it the selected job's details, and its first image —
/// at the bottom when the pane is tall (side by side with the composer), on the right when it
/// is wide but short (under the composer on a wide terminal).
public struct ProgressLayout: Sendable, Hashable {
    public var list: Rect
    public var detail: Rect
    public var preview: Rect?

    init(inner: Rect, wantsPreview: Bool = false) {
        var rest = inner
        if wantsPreview, let split = PreviewSplit(inner, tall: 16, wide: 100, gap: 0) {
            preview = split.preview
            rest = split.rest
        }
        let detailRows = rest.height >= 8 ? min(6, rest.height / 2) : (rest.height >= 4 ? 2 : 0)
        list = Rect(x: rest.x, y: rest.y, width: rest.width, height: rest.height - detailRows)
        detail = Rect(x: rest.x, y: rest.y + rest.height - detailRows, width: rest.width, height: detailRows)
    }
}

/// The first row to show of a list that scrolls in half pages (as less and vim do): `top`
/// while `selected` is on screen, else half a page further (or as far as `selected` needs).
/// Stepping past the edge then rewrites the list once per half page, not on every step.
public func halfPageOffset(selected: Int, top: Int, count: Int, visible: Int) -> Int {
    guard visible > 0, count > visible else { return 0 }
    let half = max(1, visible / 2)
    var first = min(max(0, top), count - visible)
    if selected >= first + visible {
        first = max(first + half, selected - visible + 1)
    } else if selected < first {
        first = min(first - half, selected)
    }
    return min(max(0, first), count - visible)
}

/// The first row to show so that `selected` is visible in a list `visible` rows tall: the
/// list scrolls only as far as it must. Rendering and mouse hit-testing both use it.
public func scrollOffset(selected: Int, count: Int, visible: Int) -> Int {
    guard visible > 0, count > visible else { return 0 }
    return min(max(0, selected - visible + 1), count - visible)
}
