extension EaselConfig {
    /// The most jobs one provider runs at once on one server; more than this is a queue.
    public static let maximumConcurrency = 64
    /// The most servers one provider's pool may list.
    public static let maximumPoolSize = 32
    /// Jobs at once on one server when the config does not say: enough to keep a cloud service
    /// busy, few enough that six quick Ctrl-S do not start six paid jobs at once.
    public static let defaultCloudConcurrency = 4
    /// Jobs at once on one backend on the user's own GPU: one, as a GPU runs them; the rest wait
    /// in Easel's journalled queue, where they can be reordered and cancelled.
    public static let defaultLocalConcurrency = 1

    /// How many jobs `provider` runs at once on each of its servers: the config's `concurrency`,
    /// else 1 for a local backend and 4 for a cloud service.
    public func concurrency(for provider: ProviderID) -> Int {
        if let configured = providers[provider]?.concurrency { return configured }
        return Catalog.bundled.provider(provider)?.profile.local == true ? Self.defaultLocalConcurrency : Self.defaultCloudConcurrency
    }

    /// How many servers `provider` is spread over (its pool's size; 1 without a pool).
    public func serverCount(for provider: ProviderID) -> Int { max(1, providers[provider]?.urls.count ?? 0) }

    /// Reads a provider's `concurrency`: a whole number from 1 to `maximumConcurrency`.
    static func concurrency(_ section: TOMLTable, _ key: String, _ path: String, qualified: String) throws(ConfigError) -> Int {
        guard let number = section[key]?.integer, let value = Int(exactly: number), (1...maximumConcurrency).contains(value) else {
            throw .invalid(path: path, key: qualified, reason: "must be a whole number of jobs from 1 to \(maximumConcurrency)")
        }
        return value
    }
}
