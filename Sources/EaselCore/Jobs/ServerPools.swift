import Synchronization

/// The pools of a process, one per provider and list of servers, shared by every copy of the
/// runner so that the studio's jobs, and a benchmark's, all count against the same servers.
public final class ServerPools: Sendable {
    private let pools = Mutex<[String: ServerPool]>([:])

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
