import EaselCore

extension Reducer {
    /// Asks for the inputs to be read and checked whenever the files or the model change.
    static func planEditInspection(_ state: inout AppState) -> [Effect] {
        guard let check = state.currentEditCheck else {
            state.editCheckAsked = nil
            return []
        }
        guard state.editReports?.check != check, state.editCheckAsked != check else { return [] }
        state.editCheckAsked = check
        return [.inspectEditInputs(check)]
    }

    /// Reports arrived; kept only when they are about the inputs still being edited.
    static func editInputsInspected(_ state: inout AppState, _ reports: EditReports) {
        guard reports.check == state.currentEditCheck else { return }
        state.editReports = reports
        state.editCheckAsked = nil
    }


    /// Alt-P / Alt-C / Alt-S: converts the first input that does not fit and is offered this
    /// conversion. Nothing is converted that was not offered.
    static func fitEditInput(_ state: inout AppState, _ mode: FitMode) -> [Effect] {
        guard state.compose.edit != nil, let check = state.currentEditCheck else { return [] }
        guard let reports = state.currentEditReports else {
            state.message = StatusMessage("the inputs are still being checked; try again in a moment")
            return []
        }
        guard let unfit = reports.first(where: { report in report.offers.contains { $0.mode == mode } }),
            let offer = unfit.offers.first(where: { $0.mode == mode })
        else {
            let any = reports.first { !$0.offers.isEmpty }
            state.message = StatusMessage(
                any.map { "that conversion is not offered: \(EditInputText.fileName($0.path))\(state.offerText($0))" } ?? "every input fits \(check.model) as it is",
                kind: any == nil ? .info : .warning)
            return []
        }
        state.message = StatusMessage("converting \(EditInputText.fileName(unfit.path)): \(offer.label)…")
        return [.convertEditInput(EditConversion(path: unfit.path, mode: mode, check: check))]
    }

    /// A converted copy replaces its input (and the mask follows the first image's new shape).
    static func editInputConverted(_ state: inout AppState, _ converted: EditConverted) {
        guard var edit = state.compose.edit, let index = edit.images.firstIndex(of: converted.original) else { return }
        edit.images[index] = converted.replacement
        edit.originals[converted.replacement] = edit.originals[converted.original] ?? converted.original
        if let mask = converted.maskReplacement { edit.mask = mask }
        state.compose.edit = edit
        state.message = StatusMessage("converted \(converted.note); the copy replaces it in the edit", kind: .success)
    }

    /// The pictures of the edit's inputs the composer shows, one per input row that fits.
    static func inputPreviewKeys(_ state: AppState, layout: StudioLayout) -> [PreviewKey] {
        guard let edit = state.compose.edit, let band = layout.compose?.inputs, band.height >= EditInputText.pictureRows else { return [] }
        let paths = edit.images + [edit.mask].compactMap { $0 }
        return paths.prefix(band.height / EditInputText.pictureRows).map {
            PreviewKey(path: $0, columns: EditInputText.pictureColumns, rows: EditInputText.pictureRows)
        }
    }
}

extension Reducer {
    /// Keys typed into the input path field: Enter adds the path, Tab asks for completions.
    static func inputPathCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard var editor = state.inputPath else { return [] }
        switch command {
        case .commitField:
            let path = editor.text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else {
                state.inputPath = nil
                return []
            }
            guard path.hasPrefix("/") else {
                // Where a relative path points is the edge's to know: Tab makes it whole.
                state.message = StatusMessage("give the full path (Tab completes it, ~ included)", kind: .warning)
                return []
            }
            state.inputPath = nil
            guard var edit = state.compose.edit else { return [] }
            guard !edit.images.contains(path) else {
                state.message = StatusMessage("that image is already one of the inputs")
                return []
            }
            edit.images.append(path)
            state.compose.edit = edit
            state.message = StatusMessage("added to the edit's inputs: \(EditInputText.fileName(path)); it is checked on its line", kind: .success)
            return []
        case .cancelField:
            state.inputPath = nil
            state.message = nil
            return []
        case .completePath:
            return [.completePath(editor.text)]
        default:
            edit(&editor, command, width: 1 << 20)
            state.inputPath = editor
            return []
        }
    }

    /// Completions arrived: applied only when the field still holds what was completed.
    static func pathCompleted(_ state: inout AppState, typed: String, completion: String, matches: [String]) {
        guard let editor = state.inputPath, editor.text == typed else { return }
        state.inputPath = TextEditor(text: completion, maxLength: 4096)
        switch matches.count {
        case 0:
            state.message = StatusMessage("nothing there matches", kind: .warning)
        case 1:
            state.message = nil
        default:
            let names = matches.prefix(8).map { TerminalText.oneLine($0, limit: 60) }.joined(separator: "  ")
            state.message = StatusMessage("\(matches.count) matches: \(names)\(matches.count > 8 ? "  …" : "")")
        }
    }
}
