import EaselCore

extension Reducer {
    /// `E` (or `A` to add): the selected image — the viewer's, the job's, the history entry's —
    /// becomes what the composer edits, with the mask last drawn for it. A model that cannot
    /// edit gives way to the provider's first one that can; a provider with none is said.
    static func editImage(_ state: inout AppState, adding: Bool) -> [Effect] {
        guard let path = selectedImages(state).first?.path else {
            state.message = StatusMessage("nothing to edit: the image is not saved on this machine", kind: .warning)
            return []
        }
        if adding, var edit = state.compose.edit {
            guard !edit.images.contains(path) else {
                state.message = StatusMessage("that image is already one of the inputs")
                return []
            }
            edit.images.append(path)
            state.compose.edit = edit
            state.message = StatusMessage("added to the edit's inputs: \(edit.summary)", kind: .success)
            return []
        }
        state.compose.edit = EditDraft(images: [path], mask: state.savedMasks[path])
        state.viewer = nil
        let catalog = state.context.catalog
        var note = ""
        if let provider = catalog.provider(state.compose.provider), provider.model(state.compose.model)?.offers(.edit) != true {
            if let able = provider.models.first(where: { $0.offers(.edit) }) {
                note = "; \(state.compose.model) cannot edit, so \(able.id)"
                state.compose.model = able.id
            } else {
                let able = catalog.providers.filter { $0.models.contains { $0.offers(.edit) } }.map(\.id.rawValue)
                note = "; \(state.compose.provider) cannot edit images — choose \(able.joined(separator: ", "))"
            }
        }
        _ = focus(&state, .prompt)
        let masked = state.compose.edit?.mask == nil ? " (m in the viewer draws a mask)" : ""
        state.message = StatusMessage(
            "editing \(state.compose.edit?.summary ?? "")\(note)\(masked); say what to change, Enter sends, Alt-X goes back",
            kind: note.contains("cannot edit images") ? .warning : .info)
        return []
    }
}
