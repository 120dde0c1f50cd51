import Foundation

/// Spreads one provider's jobs over the servers of its pool: each job leases the server with the
/// fewest of Easel's jobs on it (ties: the one used least recently), never more than the limit on
/// any server; jobs beyond that wait here, first come first served. A server that could not be
/// reached is set aside for a while and its job moves on to another.
///
/// It knows only Easel's own jobs: a job others sent to the same server is not counted.
public actor ServerPool {
    /// One server's standing.
    struct Server {
        var url: String
        var running = 0
        /// The lease number of the last job sent here, for ties.
        var lastLease = 0
        /// Set after the server could not be reached; leases skip it until then.
        var downUntil: ContinuousClock.Instant?
    }

    /// Why no server could be leased.
    public enum LeaseFailure: Error, Sendable {
        /// Every server was tried for this job, or is set aside as unreachable.
        case noneReachable
        case cancelled
    }

    private var servers: [Server]
    private let limit: Int
    private let clock = ContinuousClock()
    /// How long an unreachable server is skipped.
    private let downFor: Duration
    private var leases = 0
    /// Jobs waiting for a free server, in order, each with the servers it must not be sent to.
    private var waiting: [(id: Int, excluded: Set<String>, continuation: CheckedContinuation<String, any Error>)] = []
    private var nextWaiter = 0
    /// The most jobs ever running at once on each server, for tests and benchmarks.
    public private(set) var peakRunning: [String: Int] = [:]

    public init(servers: [String], limit: Int, downFor: Duration = .seconds(30)) {
        var seen = Set<String>()
        self.servers = servers.filter { seen.insert($0).inserted }.map { Server(url: $0) }
        self.limit = max(1, limit)
        self.downFor = downFor
    }

    /// The server for the next job, waiting while every server it may use is full. Fails at once
    /// when none it may use is reachable.
    public func lease(excluding excluded: Set<String> = []) async throws -> String {
        if let url = pick(excluding: excluded) { return url }
        guard hasCandidate(excluding: excluded) else { throw LeaseFailure.noneReachable }
        nextWaiter += 1
        let id = nextWaiter
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(throwing: LeaseFailure.cancelled)
                } else {
                    waiting.append((id, excluded, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Gives a server back after its job ended (or moved on).
    public func release(_ url: String) {
        if let index = servers.firstIndex(where: { $0.url == url }) {
            servers[index].running = max(0, servers[index].running - 1)
        }
        serveWaiting()
    }

    /// Sets a server aside after it could not be reached.
    public func markUnreachable(_ url: String) {
        if let index = servers.firstIndex(where: { $0.url == url }) {
            servers[index].downUntil = clock.now.advanced(by: downFor)
        }
        // Waiters that could use only that server now have none: tell them.
        var still: [(id: Int, excluded: Set<String>, continuation: CheckedContinuation<String, any Error>)] = []
        for waiter in waiting {
            if hasCandidate(excluding: waiter.excluded) { still.append(waiter) } else { waiter.continuation.resume(throwing: LeaseFailure.noneReachable) }
        }
        waiting = still
        serveWaiting()
    }

    /// Jobs waiting for a server now.
    public var waitingCount: Int { waiting.count }

    /// Jobs running on each server now.
    public var running: [String: Int] { Dictionary(uniqueKeysWithValues: servers.map { ($0.url, $0.running) }) }

    private func isUp(_ server: Server) -> Bool { server.downUntil.map { clock.now >= $0 } ?? true }

    private func hasCandidate(excluding excluded: Set<String>) -> Bool {
        servers.contains { !excluded.contains($0.url) && isUp($0) }
    }

    /// Takes a slot on the least busy server this job may use, if one has room.
    private func pick(excluding excluded: Set<String>) -> String? {
        let open = servers.indices.filter { !excluded.contains(servers[$0].url) && isUp(servers[$0]) && servers[$0].running < limit }
        guard let best = open.min(by: { (servers[$0].running, servers[$0].lastLease) < (servers[$1].running, servers[$1].lastLease) }) else {
            return nil
        }
        leases += 1
        servers[best].running += 1
        servers[best].lastLease = leases
        peakRunning[servers[best].url] = max(peakRunning[servers[best].url] ?? 0, servers[best].running)
        return servers[best].url
    }

    /// Hands freed slots to waiting jobs, in order; a job no free server suits keeps its place.
    private func serveWaiting() {
        var index = 0
        while index < waiting.count {
            if let url = pick(excluding: waiting[index].excluded) {
                waiting.remove(at: index).continuation.resume(returning: url)
            } else {
                index += 1
            }
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(throwing: LeaseFailure.cancelled)
    }
}
