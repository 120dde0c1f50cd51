import EaselCore

/// How many jobs each provider may run at once (`concurrency = N` in a provider's section of the
/// config). Jobs beyond the limit wait, unsent, in the studio's queue.
public struct JobLimits: Sendable, Hashable {
    /// The limit for a cloud provider the config does not name (`EaselConfig`'s default).
    public static let defaultLimit = EaselConfig.defaultCloudConcurrency

    /// Limits the config names, each at least 1.
    public var byProvider: [ProviderID: Int]

    /// Creates limits; values below 1 count as 1.
    public init(_ byProvider: [ProviderID: Int] = [:]) {
        self.byProvider = byProvider.mapValues { max(1, $0) }
    }

    /// The limit for a backend on the user's own GPU the config does not name.
    public static let localDefaultLimit = EaselConfig.defaultLocalConcurrency

    /// The limits a configuration sets: each provider's `concurrency` (or its default) times
    /// the servers of its pool.
    public init(config: EaselConfig) {
        self.init(Dictionary(uniqueKeysWithValues: Catalog.bundled.providers.map {
            ($0.id, config.concurrency(for: $0.id) * config.serverCount(for: $0.id))
        }))
    }

    /// Whether `provider` is a backend on the user's own GPU.
    public func isLocal(_ provider: ProviderID) -> Bool { Catalog.bundled.provider(provider)?.profile.local == true }

    /// How many jobs `provider` may run at once.
    public func limit(for provider: ProviderID) -> Int {
        if let limit = byProvider[provider] { return limit }
        return Catalog.bundled.provider(provider)?.profile.local == true ? Self.localDefaultLimit : Self.defaultLimit
    }
}
