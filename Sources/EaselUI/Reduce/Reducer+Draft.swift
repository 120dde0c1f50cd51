import EaselCore

extension Reducer {
    /// The composer worth keeping for the next start, or nil when nothing was typed.
    public static func draftToKeep(_ state: AppState) -> GenerationRequest? {
        let request = state.compose.request
        return request.parts.contains { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ? request : nil
    }

    /// Puts the composer an earlier studio left back, unless something was typed since this one
    /// started. The provider this studio was opened for wins: a draft for another provider
    /// brings back only its prompt parts.
    static func restoreDraft(_ state: inout AppState, _ request: GenerationRequest) {
        guard draftToKeep(state) == nil, !request.parts.isEmpty else { return }
        var compose = state.compose
        compose.fieldEdit = nil
        if request.provider == compose.provider, state.context.catalog.model(request.model, of: request.provider) != nil {
            compose.model = request.model
            compose.settings = request.settings
        }
        compose.parts = request.parts.map(DraftPart.init)
        compose.selectedPart = 0
        state.compose = compose
        state.message = StatusMessage("the prompt you had not sent last time is back in the composer")
    }
}
