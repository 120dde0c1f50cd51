import Synchronization

/// The pools of a process, one per provider and list of servers, shared by every copy of the
/// runner so that the studio's jobs, and a benchmark's, all count against the same servers.
public final class ServerPools: Sendable {
    private let pools = Mutex<[String: ServerPool]>([:])
    /// Each server's checkpoints as last asked, by base URL, for choosing servers that have the
    /// one a job names.
    private let checkpoints = Mutex<[String: (at: ContinuousClock.Instant, names: [String])]>([:])
    /// How long a server's list of checkpoints is believed.
    static let checkpointsKeptFor: Duration = .seconds(300)

    /// A server's checkpoints, if asked recently.
    func knownCheckpoints(of server: String) -> [String]? {
        checkpoints.withLock { table in
            guard let entry = table[server], ContinuousClock.now - entry.at < Self.checkpointsKeptFor else { return nil }
            return entry.names
        }
    }

    /// Keeps what a server said it has.
    func remember(checkpoints names: [String], of server: String) {
        checkpoints.withLock { $0[server] = (ContinuousClock.now, names) }
    }

    public init() {}

    /// The pool for `endpoint`'s servers, made on first use.
    public func pool(for endpoint: ProviderEndpoint) -> ServerPool {
        let key = "\(endpoint.provider)|\(endpoint.perServerLimit)|" + endpoint.servers.joined(separator: "|")
        return pools.withLock { pools in
            if let pool = pools[key] { return pool }
            let pool = ServerPool(servers: endpoint.servers, limit: endpoint.perServerLimit)
            pools[key] = pool
            return pool
        }
    }
}
