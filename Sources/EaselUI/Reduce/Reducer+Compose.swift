import EaselCore

extension Reducer {
    /// Editor, parts and settings commands, routed by where the keyboard is.
    static func composeCommand(_ state: inout AppState, _ command: Command) {
        switch command {
        case .addPart(let negative):
            state.compose.parts.append(DraftPart(weight: negative ? -1 : 1))
            state.compose.selectedPart = state.compose.parts.count - 1
            state.focus = .prompt
        case .removePart:
            removePart(&state)
        case .nudgeWeight(let step):
            var part = state.compose.currentPart
            let magnitude = min(10, max(0.1, ((abs(part.weight) + step) * 10).rounded() / 10))
            part.weight = part.isNegative ? -magnitude : magnitude
            state.compose.currentPart = part
        case .flipSign:
            state.compose.currentPart.weight.negate()
        case .editPart:
            state.focus = .prompt
        case .selectPrevious, .selectNext, .selectPageUp, .selectPageDown, .selectFirst, .selectLast:
            moveComposeSelection(&state, command)
        case .cycleSetting(let step):
            cycleSetting(&state, by: step)
        case .editSetting:
            editSetting(&state)
        case .resetSetting:
            if case .setting(let name) = selectedSettingRow(state) {
                state.compose.settings[name] = nil
            }
        case .commitField:
            commitField(&state)
        case .cancelField:
            state.compose.fieldEdit = nil
        default:
            editText(&state, command)
        }
    }

    /// Cursor and deletion commands on whichever text field has the keyboard.
    private static func editText(_ state: inout AppState, _ command: Command) {
        if state.focus == .settings, var field = state.compose.fieldEdit {
            edit(&field.editor, command, width: 1 << 20)
            state.compose.fieldEdit = field
        } else if state.focus == .prompt {
            let width = StudioLayout(state).compose?.editor.width ?? max(1, state.width - 2)
            edit(&state.compose.currentPart.editor, command, width: max(1, width))
        }
    }

    /// Applies one editing command to an editor laid out `width` columns wide.
    static func edit(_ editor: inout TextEditor, _ command: Command, width: Int) {
        switch command {
        case .insertNewline: editor.insertNewline()
        case .cursorLeft: editor.moveLeft()
        case .cursorRight: editor.moveRight()
        case .cursorUp: editor.moveUp(width: width)
        case .cursorDown: editor.moveDown(width: width)
        case .wordLeft: editor.moveWordLeft()
        case .wordRight: editor.moveWordRight()
        case .lineStart: editor.moveToLineStart(width: width)
        case .lineEnd: editor.moveToLineEnd(width: width)
        case .deleteBackward: editor.deleteBackward()
        case .deleteForward: editor.deleteForward()
        case .deleteWordBackward: editor.deleteWordBackward()
        case .deleteToLineStart: editor.deleteToLineStart()
        case .deleteToLineEnd: editor.deleteToLineEnd()
        default: break
        }
    }

    private static func removePart(_ state: inout AppState) {
        guard state.compose.parts.count > 1 else {
            state.compose.parts = [DraftPart()]
            state.message = StatusMessage("the last part cannot go, so it was cleared")
            return
        }
        state.compose.parts.remove(at: state.compose.selectedPart)
        state.compose.selectedPart = min(state.compose.selectedPart, state.compose.parts.count - 1)
    }

    private static func moveComposeSelection(_ state: inout AppState, _ command: Command) {
        let count: Int
        switch state.focus {
        case .parts: count = state.compose.parts.count
        case .settings: count = SettingRow.rows(for: state.compose, catalog: state.context.catalog).count
        default: return
        }
        let current = state.focus == .parts ? state.compose.selectedPart : state.compose.selectedSetting
        guard let index = movedSelection(current, count: count, by: command) else { return }
        if state.focus == .parts { state.compose.selectedPart = index } else { state.compose.selectedSetting = index }
    }

    static func selectedSettingRow(_ state: AppState) -> SettingRow? {
        let rows = SettingRow.rows(for: state.compose, catalog: state.context.catalog)
        return rows.indices.contains(state.compose.selectedSetting) ? rows[state.compose.selectedSetting] : nil
    }

    /// Steps the selected setting through its allowed values (wrapping for lists, clamped for
    /// numbers). Changing the provider or model resets what no longer applies.
    private static func cycleSetting(_ state: inout AppState, by step: Int) {
        let catalog = state.context.catalog
        switch selectedSettingRow(state) {
        case .provider:
            let ids = catalog.providers.map(\.id)
            let index = ids.firstIndex(of: state.compose.provider) ?? 0
            let next = ids[wrap(index + step.signum(), ids.count)]
            state.compose.provider = next
            state.compose.model = catalog.provider(next)?.defaultModel ?? ""
            state.compose.settings = [:]
        case .model:
            guard let provider = catalog.provider(state.compose.provider), !provider.models.isEmpty else { return }
            let ids = provider.models.map(\.id)
            let index = ids.firstIndex(of: state.compose.model) ?? 0
            state.compose.model = ids[wrap(index + step.signum(), ids.count)]
            let kept = Set(provider.model(state.compose.model)?.settings.map(\.name) ?? [])
            state.compose.settings = state.compose.settings.filter { kept.contains($0.key) }
        case .setting(let name):
            guard let spec = state.compose.spec(name, catalog: catalog) else { return }
            let current = state.compose.settings[name] ?? spec.default
            let known = state.serverChoices[state.compose.provider]?[name]
            if let next = cycled(current, spec: spec, step: step, known: known) {
                state.compose.settings[name] = next
            } else {
                state.message = StatusMessage("\(name) takes any text: press \(state.key(.editSetting, in: .settings)) to type it")
            }
        case nil:
            return
        }
        let rows = SettingRow.rows(for: state.compose, catalog: catalog)
        state.compose.selectedSetting = min(state.compose.selectedSetting, rows.count - 1)
    }

    private static func wrap(_ index: Int, _ count: Int) -> Int {
        ((index % count) + count) % count
    }

    /// The value `step` places from `current` among the spec's allowed values, or for a text
    /// setting among the values the server is `known` to take; nil for free text.
    static func cycled(_ current: SettingValue?, spec: SettingSpec, step: Int, known: [String]? = nil) -> SettingValue? {
        if spec.kind == .text, let known, !known.isEmpty {
            let index = current.flatMap { known.firstIndex(of: $0.textValue) } ?? (step > 0 ? -1 : known.count)
            return .text(known[wrap(index + step.signum(), known.count)])
        }
        switch spec.kind {
        case .choice, .size:
            let values = spec.values ?? []
            guard !values.isEmpty else { return nil }
            let index = current.flatMap { values.firstIndex(of: $0.textValue) } ?? (step > 0 ? -1 : values.count)
            return .text(values[wrap(index + step.signum(), values.count)])
        case .integer:
            let low = spec.min ?? 0
            let high = spec.max ?? Int.max
            let base = current?.integerValue ?? low
            return .integer(min(high, max(low, base + step)))
        case .boolean:
            if case .boolean(let flag) = current { return .boolean(!flag) }
            return .boolean(true)
        case .number:
            // Steps of a half (cfg 7 → 7.5) above 2, of a twentieth below (denoise 0.75 → 0.8).
            let low = Double(spec.min ?? 0)
            let high = spec.max.map(Double.init) ?? .greatestFiniteMagnitude
            let base = current?.numberValue ?? low
            let stride = (spec.max ?? 100) <= 2 ? 0.05 : 0.5
            let next = ((base / stride).rounded() + Double(step.signum())) * stride
            return .text(SettingValue.canonicalNumber(min(high, max(low, next))))
        case .text:
            return nil
        }
    }

    private static func editSetting(_ state: inout AppState) {
        switch selectedSettingRow(state) {
        case .provider, .model:
            cycleSetting(&state, by: 1)
        case .setting(let name):
            let spec = state.compose.spec(name, catalog: state.context.catalog)
            let current = state.compose.settings[name] ?? spec?.default
            state.compose.fieldEdit = FieldEdit(setting: name, text: current?.textValue ?? "")
        case nil:
            return
        }
    }

    /// Takes the typed value as the setting (empty means the default). Whether it is allowed is
    /// shown inline by validation, like every other problem, so nothing typed is lost.
    private static func commitField(_ state: inout AppState) {
        guard let field = state.compose.fieldEdit else { return }
        let text = field.editor.text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            state.compose.settings[field.setting] = nil
        } else if state.compose.spec(field.setting, catalog: state.context.catalog)?.kind == .integer, let number = Int(text) {
            state.compose.settings[field.setting] = .integer(number)
        } else {
            state.compose.settings[field.setting] = .text(text)
        }
        state.compose.fieldEdit = nil
    }
}
