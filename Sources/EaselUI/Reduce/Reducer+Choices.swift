import EaselCore

extension Reducer {
    /// `r` in the settings: asks the composed provider's server what it offers, when its wire
    /// format has such lists (A1111, ComfyUI, sd.cpp); otherwise says there is nothing to ask.
    static func refreshChoices(_ state: inout AppState) -> [Effect] {
        let provider = state.compose.provider
        guard let wire = state.context.catalog.provider(provider)?.wire, ServerChoices.listingWires.contains(wire) else {
            state.message = StatusMessage("\(provider) has no server lists to fetch: its values come from the catalog")
            return []
        }
        let lists = wire == .sdcpp ? "samplers and schedulers" : "checkpoints, samplers and schedulers"
        state.message = StatusMessage("asking the \(provider) server for its \(lists)…")
        return [.fetchChoices(provider)]
    }

    /// A job the server refused over a value it may not have (an unknown sampler, scheduler or
    /// checkpoint): its lists are fetched again, so the composer offers what it does have.
    static func refetchAfterRefusal(_ state: inout AppState, provider: ProviderID, error: GenerationError) -> [Effect] {
        guard let wire = state.context.catalog.provider(provider)?.wire, ServerChoices.listingWires.contains(wire),
            case .rejected(_, let message) = error,
            message.lowercased().contains("not found")
        else { return [] }
        state.message = StatusMessage("the server refused a value; fetching what it has (r in the settings shows it)", kind: .warning)
        return [.fetchChoices(provider)]
    }
}
