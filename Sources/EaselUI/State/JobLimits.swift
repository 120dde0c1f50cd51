import EaselCore

/// How many jobs each provider may run at once (`concurrency = N` in a provider's section of the
/// config). Jobs beyond the limit wait, unsent, in the studio's queue.
public struct JobLimits: Sendable, Hashable {
    /// The limit for a provider the config does not name: enough to keep a cloud service busy,
    /// few enough that six quick Ctrl-S do not start six paid jobs at once.
    public static let defaultLimit = 4

    /// Limits the config names, each at least 1.
    public var byProvider: [ProviderID: Int]

    /// Creates limits; values below 1 count as 1.
    public init(_ byProvider: [ProviderID: Int] = [:]) {
        self.byProvider = byProvider.mapValues { max(1, $0) }
    }

    /// The limit for a backend on the user's own GPU the config does not name: one job at a
    /// time, as a GPU runs them; the rest wait in Easel's queue, where they can be reordered.
    public static let localDefaultLimit = 1

    /// How many jobs `provider` may run at once.
    public func limit(for provider: ProviderID) -> Int {
        if let limit = byProvider[provider] { return limit }
        return Catalog.bundled.provider(provider)?.profile.local == true ? Self.localDefaultLimit : Self.defaultLimit
    }
}
