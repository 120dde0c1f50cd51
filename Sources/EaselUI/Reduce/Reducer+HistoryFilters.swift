import EaselCore

extension Reducer {
    /// The providers `f` cycles through: those the history has threads of, in catalog order
    /// (then any the catalog no longer lists).
    static func filterProviders(_ state: AppState) -> [ProviderID] {
        let present = state.history.modelsByProvider.keys
        let known = state.context.catalog.providers.map(\.id).filter { present.contains($0) }
        let others = present.filter { !known.contains($0) }.sorted { $0.rawValue < $1.rawValue }
        return known + others
    }

    /// The models `m` cycles through: those the history has threads of, for the provider
    /// filtered on (or for every provider, each model once).
    static func filterModels(_ state: AppState) -> [String] {
        if let provider = state.history.provider { return state.history.modelsByProvider[provider] ?? [] }
        var seen: Set<String> = []
        return filterProviders(state).flatMap { state.history.modelsByProvider[$0] ?? [] }.filter { seen.insert($0).inserted }
    }
}
