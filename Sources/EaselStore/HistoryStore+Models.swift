import EaselCore
import GRDB

extension HistoryStore {
    /// The models the history has threads of, by provider, each list sorted: what the history
    /// browser's provider and model filters offer (a filter for something never used would
    /// only show an empty list). A thread recorded without a model counts for its provider but
    /// adds no model.
    ///
    /// A handful of pairs among up to millions of threads: rather than `SELECT DISTINCT`, which
    /// reads every row of the index, each next pair is found by one seek in
    /// `thread_by_provider_model` (the next model of this provider, else the first of the next
    /// provider), so the cost follows the number of pairs, not of threads.
    public func modelsByProvider() throws -> [ProviderID: [String]] {
        try read { db in
            var models: [ProviderID: [String]] = [:]
            var pair = try Self.firstPair(db)
            while let (provider, model) = pair {
                models[ProviderID(rawValue: provider), default: []].append(contentsOf: model.isEmpty ? [] : [model])
                pair = try Self.nextModel(db, after: provider, model) ?? Self.nextProvider(db, after: provider)
            }
            return models
        }
    }

    static let firstPairSQL = "SELECT provider, model FROM thread ORDER BY provider, model LIMIT 1"
    static let nextModelSQL = "SELECT provider, model FROM thread WHERE provider = ? AND model > ? ORDER BY provider, model LIMIT 1"
    static let nextProviderSQL = "SELECT provider, model FROM thread WHERE provider > ? ORDER BY provider, model LIMIT 1"

    private static func firstPair(_ db: Database) throws -> (String, String)? {
        try pair(db, firstPairSQL, [])
    }

    private static func nextModel(_ db: Database, after provider: String, _ model: String) throws -> (String, String)? {
        try pair(db, nextModelSQL, [provider, model])
    }

    private static func nextProvider(_ db: Database, after provider: String) throws -> (String, String)? {
        try pair(db, nextProviderSQL, [provider])
    }

    private static func pair(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> (String, String)? {
        try Row.fetchOne(db, sql: sql, arguments: arguments).map { row in (row["provider"], row["model"]) }
    }
}
