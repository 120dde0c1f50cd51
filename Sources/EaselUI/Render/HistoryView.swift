import EaselCore
import Foundation

/// Draws the history pane: the search line with the filters, the thread list or the search
/// results (matches highlighted), and the selected thread's entries — requests with their
/// weighted prompts and settings, responses with their images.
struct HistoryView {
    let state: AppState
    let layout: HistoryLayout
    /// The images the browser shows for the selection (`DerivedState`).
    let images: [ViewerImage]

    private var history: HistoryState { state.history }

    /// `date` as the user's zone shows it in `format` (`yyyy-MM-dd HH:mm`, or the day alone in
    /// lists).
    private func dateText(_ date: Date, _ format: String) -> String {
        FormattedText.date(date, format: format, zone: state.context.timeZone)
    }

    /// A date the list's date column is measured with: every date in these formats is as wide.
    private static let widthProbe = Date(timeIntervalSinceReferenceDate: 0)

    /// Draws into `grid`; returns where the cursor goes when the search box or a rename has it.
    func draw(_ grid: inout CellGrid) -> CursorPosition? {
        var cursor = drawSearchLine(&grid)
        guard history.available else {
            grid.put("The history is unavailable this session (see the message line); jobs still run.", in: layout.searchLine,
                     row: layout.searchLine.y, style: CellStyle(.warning))
            return nil
        }
        if let list = layout.list, let renameCursor = drawList(&grid, list) { cursor = renameCursor }
        if let entries = layout.entries { drawEntries(&grid, entries) }
        if let rect = layout.preview {
            let key = images.first?.previewSource.map { PreviewKey(path: $0, columns: rect.width, rows: rect.height) }
            PictureView(state: state).draw(&grid, key: key, in: rect, spot: .history)
        }
        if let id = history.confirmingDelete { drawDeleteConfirmation(&grid, id) }
        if let ledger = history.ledger { drawLedger(&grid, ledger) }
        if let comparison = history.comparison { ComparisonView(state: state, comparison: comparison).draw(&grid) }
        return cursor
    }

    private func drawSearchLine(_ grid: inout CellGrid) -> CursorPosition? {
        let line = layout.searchLine
        if let editor = history.importing {
            var x = grid.put("import thread guid: ", in: line, row: line.y, style: CellStyle(.accent, attributes: .bold))
            grid.put(editor.text, in: line, row: line.y, indent: x, style: editor.fieldStyle)
            x += CharacterWidth.of(String(editor.characters.prefix(editor.cursor)))
            return CursorPosition(x: min(line.maxX - 1, line.x + x), y: line.y)
        }
        let searching = state.focus == .historySearch
        var x = grid.put("/ ", in: line, row: line.y, style: CellStyle(.accent, attributes: .bold))
        var cursor: CursorPosition?
        if history.search.isEmpty && !searching {
            x += grid.put("search prompts and titles", in: line, row: line.y, indent: x, style: CellStyle(.dimText))
        } else {
            let text = history.search.text
            grid.put(text, in: line, row: line.y, indent: x, style: CellStyle(.text, attributes: searching ? .underline : []))
            if searching {
                let column = CharacterWidth.of(String(history.search.characters.prefix(history.search.cursor)))
                cursor = CursorPosition(x: min(line.maxX - 1, line.x + x + column), y: line.y)
            }
            x += CharacterWidth.of(text)
        }
        let provider = history.model ?? history.provider?.rawValue ?? "all providers"
        let order = history.newestFirst ? "newest first" : "oldest first"
        let count = history.hits.map { hits in
            history.hitsComplete ? counted(hits.count, "match", plural: "matches") : "\(hits.count)+ matches"
        }
            ?? (history.complete ? counted(history.threads.count, "thread") : "\(history.threads.count)+ threads")
        // Sync progress first, then the count and the filters; what does not fit is left off from
        // the end (the order first), so the count stays on a narrow line.
        var parts = [count, provider, history.period.label, order]
        if let sync = history.syncing {
            parts.insert(sync.total > 0 ? "syncing \(sync.done)/\(sync.total)" : "syncing…", at: 0)
        }
        while !parts.isEmpty, CharacterWidth.of(parts.joined(separator: " · ")) + x + 2 > line.width {
            parts.removeLast()
        }
        if !parts.isEmpty {
            grid.putRight(parts.joined(separator: " · "), in: line, row: line.y, style: CellStyle(.dimText))
        }
        return cursor
    }

    private func drawList(_ grid: inout CellGrid, _ rect: Rect) -> CursorPosition? {
        let focused = state.focus == .historyList || state.focus == .historySearch
        if history.listCount == 0 {
            let short = history.search.text.trimmedOfWhitespace.count < AppState.shortestSearch
            let text = history.hits != nil
                ? (short ? "Keep typing: searches start at two letters." : "Nothing matches.")
                : (history.requested ? "No threads yet: jobs you run appear here." : "")
            grid.put(text, in: rect, row: rect.y, style: CellStyle(.dimText))
            return nil
        }
        var cursor: CursorPosition?
        let dayFormat = rect.width >= 100 ? "yyyy-MM-dd HH:mm" : "dd MMM"
        let list = ListWindow(rect, count: history.listCount, selected: history.selected, halfPagesFrom: history.listTop)
        let first = list.first
        let visible = history.threads[min(first, history.threads.count)..<min(first + rect.height, history.threads.count)]
        let columns = ThreadColumns(visible, width: rect.width, dateWidth: CharacterWidth.of(dateText(Self.widthProbe, dayFormat)))
        list.draw(&grid, focused: focused) { grid, index, y, highlighted in
            let marker = index == history.selected ? "▸ " : "  "
            var x = grid.put(marker, in: rect, row: y, style: CellStyle(highlighted ? .selection : .accent))
            if let hits = history.hits {
                x += grid.put(DisplayText.truncate(TerminalText.oneLine(hits[index].title), toWidth: max(4, rect.width / 3)) + "  ",
                              in: rect, row: y, indent: x, style: CellStyle(highlighted ? .selection : .dimText))
                drawSnippet(&grid, hits[index].snippet, rect: rect, y: y, x: x, highlighted: highlighted)
                return
            }
            let thread = history.threads[index]
            if index == history.selected, let editor = history.renaming {
                grid.put(editor.text, in: rect, row: y, indent: x, style: editor.fieldStyle)
                let column = CharacterWidth.of(String(editor.characters.prefix(editor.cursor)))
                cursor = CursorPosition(x: min(rect.maxX - 1, rect.x + x + column), y: y)
                return
            }
            let base: UIRole = highlighted ? .selection : .text
            let dim: UIRole = highlighted ? .selection : .dimText
            x += grid.put(dateText(thread.updated, dayFormat) + "  ", in: rect, row: y, indent: x, style: CellStyle(dim))
            grid.put(DisplayText.truncate(ThreadColumns.title(thread), toWidth: columns.title), in: rect, row: y, indent: x, style: CellStyle(base))
            if columns.model > 0 {
                grid.put(ThreadColumns.model(thread, width: columns.model), in: rect, row: y,
                         indent: x + columns.title + 2, style: CellStyle(dim))
            }
            grid.putRight(ThreadColumns.counts(thread), in: rect, row: y, style: CellStyle(dim))
        }
        return cursor
    }

    /// A snippet with its matches (between the store's markers) in the accent colour and bold.
    private func drawSnippet(_ grid: inout CellGrid, _ snippet: String, rect: Rect, y: Int, x start: Int, highlighted: Bool) {
        var x = start
        var inMatch = false
        // The markers are single bytes that never occur inside a multi-byte character, so the
        // snippet is cut at them on its UTF-8 view, and drawing stops at the pane's edge.
        let utf8 = snippet.utf8
        var pieceStart = utf8.startIndex
        func flush(upTo end: String.Index) {
            guard pieceStart < end, x < rect.width else { return }
            let style = inMatch ? CellStyle(highlighted ? .selection : .accent, attributes: [.bold, .underline]) : CellStyle(highlighted ? .selection : .text)
            var piece = String(snippet[pieceStart..<end])
            // Not oneLine: it trims, and the spaces around a match are part of the snippet.
            if piece.utf8.contains(0x0A) { piece = piece.replacingOccurrences(of: "\n", with: " ") }
            x += grid.put(piece, in: rect, row: y, indent: x, style: style)
        }
        var index = utf8.startIndex
        while index < utf8.endIndex, x < rect.width {
            let byte = utf8[index]
            if byte == 0x01 || byte == 0x02 {
                flush(upTo: index)
                inMatch = byte == 0x01
                pieceStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        flush(upTo: utf8.endIndex)
    }

    private func drawEntries(_ grid: inout CellGrid, _ rect: Rect) {
        guard history.entriesThread != nil else {
            grid.put(history.listCount == 0 ? "" : "Choose a thread to see its entries.", in: rect, row: rect.y, style: CellStyle(.dimText))
            return
        }
        // While the selected thread's entries are read, the ones shown before stay (not a
        // "loading…" flash that would repaint the pane twice per step).
        guard let shown = history.shownEntries else {
            grid.put("loading…", in: rect, row: rect.y, style: CellStyle(.dimText))
            return
        }
        let threadID = shown.thread
        let entries = shown.entries
        let current = history.entriesReady
        let dayFormat = "yyyy-MM-dd HH:mm"
        var lines: [(text: String, role: UIRole, entry: Int)] = []
        let title = history.threads.first { $0.id == threadID }?.title ?? history.hits?.first { $0.thread == threadID }?.title ?? ""
        lines.append((TerminalText.oneLine(title.isEmpty ? "(untitled)" : title), .title, -1))
        let tree = current ? history.entryTree : EntryTree(entries)
        for index in tree.order {
            let entry = entries[index]
            let stamp = dateText(entry.created, dayFormat)
            let first = lines.count
            let marked = history.compareMark?.id == entry.id ? " · marked to compare" : ""
            if entry.isRequest {
                lines.append(("request · \(stamp)\(entry.waiting ? " · waiting" : "")\(marked)", .accent, index))
                for part in entry.request?.parts ?? [] {
                    let sign = part.weight < 0 ? "−" : "+"
                    lines.append(("  \(sign)\(DraftPart.tenths(abs(part.weight))) \(TerminalText.oneLine(part.text))", part.weight < 0 ? .negativeWeight : .positiveWeight, index))
                }
                if let request = entry.request, !request.settings.isEmpty {
                    let settings = request.settings.sorted { $0.key < $1.key }.map { "\($0.key) \(TerminalText.oneLine($0.value.textValue))" }
                    lines.append(("  " + settings.joined(separator: " · "), .dimText, index))
                }
            } else {
                let credits = entry.credits.map { " · \($0 == $0.rounded() ? String(Int($0)) : String($0)) credit\($0 == 1 ? "" : "s")" } ?? ""
                lines.append(("response · \(stamp)\(credits)\(marked)", .accent, index))
                if let revised = entry.revisedPrompt { lines.append(("  revised: " + TerminalText.oneLine(revised), .dimText, index)) }
                for image in entry.images {
                    let size = FormattedText.fileSize(image.bytes)
                    let place = image.path ?? image.url ?? ""
                    lines.append(("  \(image.width)×\(image.height) \(size)  \(TerminalText.oneLine(place, limit: 1000))", .text, index))
                }
            }
            if let note = entry.lineage?.note { lines.insert(("  " + note, .dimText, index), at: first + 1) }
            if let error = entry.error { lines.append(("  ✗ " + TerminalText.oneLine(error), .error, index)) }
            // A version made from an entry of this thread sits under it, two columns a level.
            let indent = String(repeating: "  ", count: min(tree.depths[index], 8))
            for line in first..<lines.count { lines[line].text = indent + lines[line].text }
        }
        let selectedEntry = current ? history.selectedEntry : -2
        let selectedLine = lines.firstIndex { $0.entry == selectedEntry } ?? 0
        let lastOfSelected = lines.lastIndex { $0.entry == selectedEntry } ?? selectedLine
        // A window over lines, not entries: an entry takes several, and its last one stays in view.
        let focused = state.focus == .historyEntries
        for (index, y) in ListWindow(rect, count: lines.count, selected: lastOfSelected).rows {
            let line = lines[index]
            let selected = focused && line.entry == selectedEntry
            let marker = selected && index == selectedLine ? "▸ " : "  "
            grid.put(marker, in: rect, row: y, style: CellStyle(.accent))
            grid.put(DisplayText.truncate(line.text, toWidth: rect.width - 2), in: rect, row: y, indent: 2,
                     style: CellStyle(line.role, attributes: line.entry == -1 ? .bold : []))
        }
    }

    /// The cost ledger: all-time totals per provider, then per day and provider, newest first.
    private func drawLedger(_ grid: inout CellGrid, _ ledger: CostLedger) {
        var lines: [(String, UIRole)] = []
        switch ledger {
        case .loading:
            lines = [("adding up…", .dimText)]
        case .loaded(let byProvider, let byDay):
            if byProvider.isEmpty { lines.append(("nothing reported yet", .dimText)) }
            for row in byProvider { lines.append(("\(row.provider): \(row.summary)", .text)) }
            if !byDay.isEmpty { lines.append(("", .text)); lines.append(("by day", .accent)) }
            for row in byDay { lines.append(("\(row.day ?? "")  \(row.provider): \(row.summary)", .text)) }
        }
        let width = min(grid.width - 2, max(40, (lines.map { CharacterWidth.of($0.0) }.max() ?? 0) + 4))
        let height = min(grid.height - 4, lines.count + 2)
        guard width > 4, height > 2 else { return }
        let rect = Rect(x: (grid.width - width) / 2, y: max(1, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect, style: .background)
        grid.box(rect, title: "Costs reported by the servers", focused: true)
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            grid.put(DisplayText.truncate(TerminalText.oneLine(line.0, limit: 400), toWidth: inner.width), in: inner, row: inner.y + offset,
                     style: CellStyle(line.1))
        }
    }

    private func drawDeleteConfirmation(_ grid: inout CellGrid, _ id: Int64) {
        let title = history.threads.first { $0.id == id }?.title ?? "this thread"
        let lines = [
            "Delete \"\(DisplayText.truncate(TerminalText.oneLine(title), toWidth: 40))\" from this history?",
            "The server and the image files keep their copies.",
            "y delete · n keep",
        ]
        let width = min(grid.width - 2, (lines.map { CharacterWidth.of($0) }.max() ?? 0) + 4)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - 5) / 2, width: width, height: 5)
        grid.fill(rect, style: .background)
        grid.box(rect, title: "Delete?", focused: true)
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: 3)
        for (offset, line) in lines.enumerated() {
            grid.put(line, in: inner, row: inner.y + offset, style: CellStyle(offset == 0 ? .warning : .text, attributes: offset == 0 ? .bold : []))
        }
    }
}
