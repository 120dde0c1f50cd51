import Foundation
import NIOCore

/// The state one ``FaultServer`` shares across its connections: the remaining script, every
/// request received, the open connections, and tests waiting for requests to arrive.
///
/// A lock rather than an actor, because connection handlers run synchronously on event-loop
/// threads and must record a request and take its step in one indivisible move: that is what
/// makes "one step per request, in arrival order, across connections" hold, and what lets a test
/// trust that a request is recorded before its fault happens. Every stored property is private
/// and only touched under `lock`, which is why the `@unchecked Sendable` is sound.
final class FaultLedger: @unchecked Sendable {
    /// Steps reserved for requests whose path starts with `pathPrefix`.
    private struct Route {
        let pathPrefix: String
        var steps: ArraySlice<FaultStep>
    }

    /// A test suspended until at least `count` requests have been recorded.
    private struct Waiter {
        let id: UInt64
        let count: Int
        let continuation: CheckedContinuation<[ReceivedRequest], Never>
    }

    private let lock = NSLock()
    private var routes: [Route]
    private let fallback: FaultStep
    private var requests: [ReceivedRequest] = []
    private var openChannels: [ObjectIdentifier: any Channel] = [:]
    private var connectionsAccepted = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID: UInt64 = 0
    private var stopping = false

    /// A ledger handing out `routes`' steps (first matching prefix wins), then `fallback`.
    init(routes: [(pathPrefix: String, steps: [FaultStep])], fallback: FaultStep) {
        self.routes = routes.map { Route(pathPrefix: $0.pathPrefix, steps: $0.steps[...]) }
        self.fallback = fallback
    }

    /// Records a complete request and returns the step to carry out for it.
    ///
    /// A request belongs to the first route whose prefix its path starts with; once that route's
    /// steps are used up it gets the fallback rather than falling through to a later route, so a
    /// script reads top to bottom without surprises.
    func record(_ request: ReceivedRequest) -> FaultStep {
        let (step, satisfied, snapshot): (FaultStep, [Waiter], [ReceivedRequest]) = lock.withLock {
            requests.append(request)
            let step: FaultStep
            if let index = routes.firstIndex(where: { request.path.hasPrefix($0.pathPrefix) }),
                let next = routes[index].steps.popFirst()
            {
                step = next
            } else {
                step = fallback
            }
            let satisfied = waiters.filter { $0.count <= requests.count }
            waiters.removeAll { $0.count <= requests.count }
            return (step, satisfied, requests)
        }
        for waiter in satisfied { waiter.continuation.resume(returning: snapshot) }
        return step
    }

    /// Every request recorded so far, in arrival order.
    var received: [ReceivedRequest] {
        lock.withLock { requests }
    }

    /// How many connections have been accepted since the server started.
    var acceptedConnections: Int {
        lock.withLock { connectionsAccepted }
    }

    /// Suspends until at least `count` requests have been recorded, then returns them all.
    /// Returns early, with what has arrived, if the server stops or the task is cancelled, so a
    /// test that fails never hangs here.
    func waitForRequests(count: Int) async -> [ReceivedRequest] {
        let id = lock.withLock {
            nextWaiterID += 1
            return nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: [ReceivedRequest]? = lock.withLock {
                    // Checking cancellation under the lock closes the race with `onCancel`
                    // running before this waiter was stored.
                    if requests.count >= count || stopping || Task.isCancelled { return requests }
                    waiters.append(Waiter(id: id, count: count, continuation: continuation))
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let (waiter, snapshot) = lock.withLock {
                let index = waiters.firstIndex { $0.id == id }
                return (index.map { waiters.remove(at: $0) }, requests)
            }
            waiter?.continuation.resume(returning: snapshot)
        }
    }

    /// Tracks a newly accepted connection so ``stopAccepting()`` can close it; returns false
    /// once the server is stopping, and the caller must then close the channel itself.
    func adopt(_ channel: any Channel) -> Bool {
        lock.withLock {
            guard !stopping else { return false }
            connectionsAccepted += 1
            openChannels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    /// Forgets a connection that has closed.
    func release(_ channel: any Channel) {
        lock.withLock {
            _ = openChannels.removeValue(forKey: ObjectIdentifier(channel))
        }
    }

    /// Marks the server as stopping, wakes every waiting test, and hands back the connections
    /// still open so the caller can close them.
    func stopAccepting() -> [any Channel] {
        let (channels, woken, snapshot) = lock.withLock {
            stopping = true
            let woken = waiters
            waiters.removeAll()
            return (Array(openChannels.values), woken, requests)
        }
        for waiter in woken { waiter.continuation.resume(returning: snapshot) }
        return channels
    }
}
