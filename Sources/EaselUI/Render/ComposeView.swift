import EaselCore

/// Draws the compose pane: the part being edited, the parts list with signs and weights, the
/// settings the catalog gives the chosen model, and the request's problems and notices —
/// the same validation submit runs, shown before anything is sent.
struct ComposeView {
    let state: AppState
    let layout: ComposeLayout
    /// The composed request checked against the catalog (`DerivedState`).
    let validation: Result<ResolvedRequest, ValidationFailure>

    /// Draws into `grid` and returns where the cursor belongs when the editor or a field is
    /// being typed in.
    func draw(_ grid: inout CellGrid) -> CursorPosition? {
        let problems: [ValidationProblem]
        let notices: [String]
        var estimate: CostEstimate?
        switch validation {
        case .failure(let failure):
            problems = failure.problems
            notices = []
        case .success(let resolved):
            problems = []
            notices = resolved.notices
            estimate = state.context.prices.estimate(resolved)
        }
        var cursor = drawEditor(&grid)
        drawInputs(&grid)
        drawParts(&grid, problems: problems)
        if let fieldCursor = drawSettings(&grid, problems: problems) { cursor = fieldCursor }
        drawProblems(&grid, problems: problems, notices: notices, estimate: estimate)
        return cursor
    }

    private var compose: ComposeState { state.compose }
    private var catalog: Catalog { state.context.catalog }

    private func drawEditor(_ grid: inout CellGrid) -> CursorPosition? {
        let part = compose.currentPart
        let header = layout.promptHeader
        let signRole: UIRole = part.isNegative ? .negativeWeight : .positiveWeight
        let title =
            switch part.kind {
            case .lora: "LoRA "
            case .hypernet: "Hypernetwork "
            case .breakMarker: "BREAK "
            case .text: part.isNegative ? "Negative prompt " : "Prompt "
            }
        var x = grid.put(title, in: header, row: header.y, style: CellStyle(.title, attributes: state.focus == .prompt ? .bold : []))
        x += grid.put(part.weightLabel, in: header, row: header.y, indent: x, style: CellStyle(signRole, attributes: .bold))
        if compose.parts.count > 1 {
            x += grid.put("  part \(compose.selectedPart + 1) of \(compose.parts.count)", in: header, row: header.y, indent: x, style: CellStyle(.dimText))
        }
        if let edit = compose.edit {
            let doing = edit.operation == .variation ? "⟳ variations of" : "✎ editing"
            grid.put("  \(doing) \(edit.summary) (\(state.key(.dropEdit, in: .prompt)): generate)", in: header, row: header.y, indent: x, style: CellStyle(.accent))
        }
        let editor = layout.editor
        guard !editor.isEmpty else { return nil }
        if part.editor.isEmpty {
            let placeholder = part.isNegative ? "What to avoid…"
                : compose.edit != nil ? "Say what to change… (\(state.key(.submit, in: .prompt)) sends the edit)"
                : "Describe the image… (\(state.key(.submit, in: .prompt)) sends, \(state.key(.insertNewline, in: .prompt)) adds a line)"
            grid.put(placeholder, in: editor, row: editor.y, style: CellStyle(.dimText))
        }
        let lines = part.editor.layout(width: editor.width)
        let position = part.editor.cursorPosition(in: lines, width: editor.width)
        let first = scrollOffset(selected: position.row, count: lines.count, visible: editor.height)
        for row in 0..<editor.height where first + row < lines.count {
            let text = part.editor.text(of: lines[first + row])
            if !text.isEmpty {
                grid.put(text, in: editor, row: editor.y + row, style: CellStyle(part.isNegative ? .negativeWeight : .text))
            }
        }
        guard state.focus == .prompt, !state.showHelp else { return nil }
        return CursorPosition(x: editor.x + min(position.column, editor.width - 1), y: editor.y + position.row - first)
    }

    /// Each input on two rows beside its picture: the name (the mask marked), size, format and
    /// bytes; then whether it fits the model, or why not and the conversions offered.
    private func drawInputs(_ grid: inout CellGrid) {
        let band = layout.inputs
        guard let edit = compose.edit, band.height >= EditInputText.pictureRows else { return }
        let paths = edit.images.map { ($0, false) } + [edit.mask].compactMap { $0 }.map { ($0, true) }
        let reports = state.currentEditReports
        let shown = min(paths.count, band.height / EditInputText.pictureRows)
        let textX = EditInputText.pictureColumns + 1
        for (index, (path, isMask)) in paths.prefix(shown).enumerated() {
            let y = band.y + index * EditInputText.pictureRows
            let key = PreviewKey(path: path, columns: EditInputText.pictureColumns, rows: EditInputText.pictureRows)
            if state.context.pictures, case .ready(let picture)? = state.previews[key] {
                grid.draw(
                    picture, x: band.x + (EditInputText.pictureColumns - picture.columns) / 2,
                    y: y + (EditInputText.pictureRows - picture.rows) / 2, source: key)
            } else {
                grid.put("·", in: band, row: y, indent: EditInputText.pictureColumns / 2, style: CellStyle(.dimText))
            }
            var x = textX
            if isMask { x += grid.put("mask ", in: band, row: y, indent: x, style: CellStyle(.accent, attributes: .bold)) }
            let original = edit.originals[path]
            let name = EditInputText.fileName(original ?? path) + (original == nil ? "" : " (converted copy)")
            x += grid.put(DisplayText.truncate(name, toWidth: max(1, (band.width - x) * 2 / 3)), in: band, row: y, indent: x, style: CellStyle(.text))
            let report = reports?.first { $0.path == path && $0.isMask == isMask }
            if let facts = report?.facts, !facts.isEmpty {
                x += grid.put("  " + facts, in: band, row: y, indent: x, style: CellStyle(.dimText))
            }
            if index == shown - 1, paths.count > shown {
                grid.putRight("+\(paths.count - shown) more", in: band, row: y, style: CellStyle(.dimText))
            }
            let (status, role): (String, UIRole) =
                if let report {
                    if let problem = report.problem {
                        ("✗ " + problem + state.offerText(report), .error)
                    } else if isMask {
                        ("✓ transparent = the area to change", .success)
                    } else {
                        ("✓ fits \(compose.model)", .success)
                    }
                } else {
                    ("checking…", .dimText)
                }
            grid.put(DisplayText.truncate(status, toWidth: max(1, band.width - textX)), in: band, row: y + 1, indent: textX, style: CellStyle(role))
        }
    }

    private func drawParts(_ grid: inout CellGrid, problems: [ValidationProblem]) {
        let header = layout.partsHeader
        grid.put("Parts", in: header, row: header.y, style: CellStyle(.title, attributes: state.focus == .parts ? .bold : []))
        let model = catalog.model(compose.model, of: compose.provider)
        if let rules = model?.prompt {
            let note = rules.weights ? "weighted" : (rules.negative ? "joined, no weights" : "joined, no weights or −")
            if CharacterWidth.of(note) + 7 <= header.width {
                grid.putRight(note, in: header, row: header.y, style: CellStyle(.dimText))
            }
        }
        let rect = layout.parts
        ListWindow(rect, count: compose.parts.count, selected: compose.selectedPart).draw(&grid, focused: state.focus == .parts) {
            grid, index, y, highlighted in
            let part = compose.parts[index]
            let selected = index == compose.selectedPart
            let base: UIRole = highlighted ? .selection : .text
            var x = grid.put(selected ? "▸" : " ", in: rect, row: y, style: CellStyle(highlighted ? .selection : .accent))
            let signRole: UIRole = part.isNegative ? .negativeWeight : .positiveWeight
            x += grid.put(" " + part.weightLabel.prefix(1) + " ", in: rect, row: y, indent: x, style: CellStyle(highlighted ? .selection : signRole, attributes: .bold))
            x += grid.put(String(part.weightLabel.dropFirst()) + " ", in: rect, row: y, indent: x, style: CellStyle(highlighted ? .selection : signRole))
            let flagged = !part.editor.isEmpty || compose.parts.count > 1 ? problems.contains { $0.field == "prompt[\(index)]" } : false
            if flagged { x += grid.put("! ", in: rect, row: y, indent: x, style: CellStyle(.error, attributes: .bold)) }
            let text = TerminalText.oneLine(part.editor.text)
            if text.isEmpty {
                grid.put("(empty)", in: rect, row: y, indent: x, style: CellStyle(highlighted ? .selection : .dimText))
            } else {
                grid.put(DisplayText.truncate(text, toWidth: rect.width - x), in: rect, row: y, indent: x, style: CellStyle(base))
            }
        }
    }

    private func drawSettings(_ grid: inout CellGrid, problems: [ValidationProblem]) -> CursorPosition? {
        let header = layout.settingsHeader
        grid.put("Settings", in: header, row: header.y, style: CellStyle(.title, attributes: state.focus == .settings ? .bold : []))
        let rows = SettingRow.rows(for: compose, catalog: catalog)
        let rect = layout.settings
        let nameWidth = Self.labelColumnWidth(rows, width: rect.width)
        let list = ListWindow(rect, count: rows.count, selected: compose.selectedSetting)
        if list.isScrolled {
            grid.putRight("\(compose.selectedSetting + 1)/\(rows.count)", in: header, row: header.y, style: CellStyle(.dimText))
        }
        var cursor: CursorPosition?
        list.draw(&grid, focused: state.focus == .settings) { grid, index, y, highlighted in
            let setting = rows[index]
            let nameRole: UIRole = highlighted ? .selection : .dimText
            grid.put(DisplayText.truncate(setting.label, toWidth: nameWidth - 1), in: rect, row: y, style: CellStyle(nameRole))
            var x = nameWidth
            if case .setting(let name) = setting, let field = compose.fieldEdit, field.setting == name, highlighted {
                let text = field.editor.text
                grid.put(text, in: rect, row: y, indent: x, style: field.editor.fieldStyle)
                let column = CharacterWidth.of(String(field.editor.characters.prefix(field.editor.cursor)))
                cursor = CursorPosition(x: min(rect.maxX - 1, rect.x + x + column), y: y)
                return
            }
            let (value, detail, isDefault) = display(setting)
            let valueRole: UIRole = highlighted ? .selection : (isDefault ? .dimText : .text)
            let shown = DisplayText.truncate(value, toWidth: max(1, rect.width - x))
            x += grid.put(shown, in: rect, row: y, indent: x, style: CellStyle(valueRole, attributes: isDefault ? [] : .bold))
            // What the value is (a provider's name, "default") only when it fits whole.
            if !detail.isEmpty, CharacterWidth.of(detail) <= rect.width - x {
                x += grid.put(detail, in: rect, row: y, indent: x, style: CellStyle(highlighted ? .selection : .dimText))
            }
            if let problem = problems.first(where: { $0.field == fieldName(setting) }) {
                let room = rect.width - x - 2
                if room > 4 {
                    grid.put("✗ " + DisplayText.truncate(problem.message, toWidth: room - 2), in: rect, row: y, indent: x + 2, style: CellStyle(.error))
                }
            }
        }
        return cursor
    }

    private func fieldName(_ row: SettingRow) -> String {
        switch row {
        case .provider: "provider"
        case .model: "model"
        case .setting(let name): name.rawValue
        }
    }

    /// The value shown for a row, what follows it when there is room, and whether it is the
    /// catalog default.
    private func display(_ row: SettingRow) -> (String, String, Bool) {
        switch row {
        case .provider:
            let name = catalog.provider(compose.provider)?.name ?? compose.provider.rawValue
            return (compose.provider.rawValue, " (\(name))", false)
        case .model:
            let model = catalog.model(compose.model, of: compose.provider)
            let retired = model?.retired.map { " · retired by \($0.host)" } ?? ""
            return (compose.model, retired, false)
        case .setting(let name):
            if let value = compose.settings[name] { return (value.textValue, "", false) }
            if let value = compose.spec(name, catalog: catalog)?.default { return (value.textValue, " (default)", true) }
            return ("—", " (default)", true)
        }
    }

    /// The settings labels' column: as wide as the longest label and a gap, so no label runs
    /// into its value; at most half the list, where longer labels are cut with "…".
    static func labelColumnWidth(_ rows: [SettingRow], width: Int) -> Int {
        let longest = rows.map { CharacterWidth.of($0.label) }.max() ?? 8
        return max(2, min(longest + 2, max(8, width / 2)))
    }

    /// "part 2: is empty" rather than the core's "prompt[1]: is empty": the pane numbers parts from 1.
    private func drawProblems(_ grid: inout CellGrid, problems: [ValidationProblem], notices: [String], estimate: CostEstimate?) {
        let rect = layout.problems
        guard !rect.isEmpty else { return }
        let unfit = state.unfitInputLine
        if unfit == nil, compose.parts.allSatisfy({ $0.editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            grid.put("Type a prompt; \(state.key(.submit, in: .prompt)) sends it, \(state.key(.toggleHelp, in: .global)) lists every key.", in: rect, row: rect.y, style: CellStyle(.dimText))
            return
        }
        // Every problem in full here (a settings row only has room for the start of its own).
        var lines: [(String, UIRole)] = []
        // Without a key nothing is sent however good the request, so that comes first and the
        // line never says ready.
        if case .missingKey(let variable)? = state.context.access[compose.provider] {
            lines.append(("✗ no key: set \(variable) (or pick another provider)", .error))
        }
        if let unfit { lines.append(("✗ " + unfit, .error)) }
        lines += problems.map { ("✗ \($0.composerText)", .error) }
        lines += notices.map { ("! \($0)", .warning) }
        if lines.isEmpty {
            lines = [("✓ ready: \(state.key(.submit, in: .prompt)) or \(state.key(.submit, in: .global)) sends to \(compose.provider)/\(compose.model)", .success)]
        }
        if problems.isEmpty, let estimate { lines.append(("cost " + estimate.text, .dimText)) }
        // Long problems (a size with its nine allowed values) wrap rather than lose their end.
        var rows: [(String, UIRole)] = []
        for (text, role) in lines {
            let wrapped = TextEditor(text: text, maxLength: 4000)
            rows += wrapped.layout(width: max(1, rect.width - 2)).enumerated().map { index, line in
                ((index == 0 ? "" : "  ") + wrapped.text(of: line), role)
            }
        }
        for (offset, row) in rows.prefix(rect.height).enumerated() {
            let text = offset == rect.height - 1 && rows.count > rect.height
                ? DisplayText.truncate(row.0, toWidth: rect.width - 12) + " (+\(counted(rows.count - rect.height, "line")))" : row.0
            grid.put(DisplayText.truncate(text, toWidth: rect.width), in: rect, row: rect.y + offset, style: CellStyle(row.1))
        }
    }
}
