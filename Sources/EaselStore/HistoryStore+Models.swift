import EaselCore
import GRDB

extension HistoryStore {
    /// The models the history has threads of, by provider, each list sorted: what the history
    /// browser's provider and model filters offer (a filter for something never used would
    /// only show an empty list). A thread recorded without a model counts for its provider but
    /// adds no model. One scan of the model index.
    public func modelsByProvider() throws -> [ProviderID: [String]] {
        try read { db in
            var models: [ProviderID: [String]] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT DISTINCT provider, model FROM thread ORDER BY provider, model")
            for row in rows {
                let provider: String = row["provider"]
                let model: String = row["model"]
                models[ProviderID(rawValue: provider), default: []].append(contentsOf: model.isEmpty ? [] : [model])
            }
            return models
        }
    }
}
