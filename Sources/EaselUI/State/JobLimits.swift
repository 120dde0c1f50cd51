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

    /// How many jobs `provider` may run at once.
    public func limit(for provider: ProviderID) -> Int {
        byProvider[provider] ?? Self.defaultLimit
    }
}
