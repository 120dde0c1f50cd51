import EaselCore

extension Reducer {
    /// `E` (or `A` to add): the selected image — the viewer's, the job's, the history entry's —
    /// becomes what the composer edits, with the mask last drawn for it. A model that cannot
    /// edit gives way to the provider's first one that can; a provider with none is said.
    static func editImage(_ state: inout AppState, adding: Bool, operation: ImageOperation = .edit) -> [Effect] {
        guard let selected = state.selectedImages.first, let path = selected.path else {
            state.message = StatusMessage("nothing to edit: the image is not saved on this machine", kind: .warning)
            return []
        }
        if adding, var edit = state.compose.edit, edit.operation == .edit {
            guard !edit.images.contains(path) else {
                state.message = StatusMessage("that image is already one of the inputs")
                return []
            }
            edit.images.append(path)
            state.compose.edit = edit
            state.message = StatusMessage("added to the edit's inputs: \(edit.summary)", kind: .success)
            return []
        }
        state.compose.edit = EditDraft(
            images: [path], mask: operation == .edit ? state.savedMasks[path] : nil, operation: operation,
            sourcePrompt: operation == .variation ? selected.prompt : "")
        state.viewer = nil
        let catalog = state.context.catalog
        var note = ""
        if let provider = catalog.provider(state.compose.provider), provider.model(state.compose.model)?.offers(operation) != true {
            let verb = operation == .edit ? "edit" : "make variations"
            if let able = provider.models.first(where: { $0.offers(operation) }) {
                note = "; \(state.compose.model) cannot \(verb), so \(able.id)"
                state.compose.model = able.id
            } else {
                let able = catalog.providers.filter { $0.models.contains { $0.offers(operation) } }.map(\.id.rawValue)
                note = "; \(state.compose.provider) cannot \(operation.phrase) — choose \(able.joined(separator: ", "))"
            }
        }
        _ = focus(&state, .prompt)
        let refused = note.contains("— choose")
        if operation == .variation {
            state.message = StatusMessage(
                "variations of \(state.compose.edit?.summary ?? "")\(note); n in the settings says how many, \(state.key(.submit, in: .prompt)) sends, \(state.key(.dropEdit, in: .prompt)) goes back",
                kind: refused ? .warning : .info)
            return []
        }
        let masked = state.compose.edit?.mask == nil ? " (\(state.key(.mask(.open), in: .viewer)) in the viewer draws a mask)" : ""
        state.message = StatusMessage(
            "editing \(state.compose.edit?.summary ?? "")\(note)\(masked); say what to change, \(state.key(.submit, in: .prompt)) sends, \(state.key(.dropEdit, in: .prompt)) goes back",
            kind: refused ? .warning : .info)
        return []
    }
}
