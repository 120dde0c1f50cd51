/// What quitting now would do to the unfinished jobs, counted by fate: the quit dialog says it
/// before, and the shell line after.
public struct QuitOutlook: Sendable, Hashable {
    /// Sent, and findable again (an ai-client entry, an Ace task): finished on the server and
    /// collected by the next start or `easel resume`.
    public var collectable: Int
    /// Sent in one request whose reply only this session can take.
    public var oneShot: Int
    /// On the built-in sandbox, which keeps its work in memory and stops with Easel.
    public var onSandbox: Int
    /// Waiting in the queue, never sent, and dropped on quitting (cloud jobs).
    public var queued: Int
    /// Waiting in a local backend's queue, never sent, kept in the journal for the next start.
    public var keptQueued: Int

    /// Counts `state`'s unfinished jobs.
    public init(_ state: AppState) {
        let active = state.jobs.filter { !$0.phase.isFinished }
        let queuedIDs = Set(state.queue.map(\.id))
        let heldIDs = Set(state.queue.filter(\.held).map(\.id))
        keptQueued = active.count { heldIDs.contains($0.id) }
        queued = active.count { queuedIDs.contains($0.id) } - keptQueued
        let sent = active.filter { !queuedIDs.contains($0.id) }
        let sandboxed = sent.filter { state.context.access[$0.provider] == .sandbox }
        onSandbox = sandboxed.count
        collectable = sent.count { state.context.access[$0.provider] != .sandbox && ($0.entry != nil || $0.hasRemoteTask) }
        oneShot = sent.count - onSandbox - collectable
    }

    /// The line the shell shows after the studio closed, when jobs were left on the server.
    public var farewell: String? {
        guard collectable > 0 else { return nil }
        let jobs = "\(collectable) job\(collectable == 1 ? " is" : "s are")"
        return "\(jobs) still being made on the server: `easel resume` (or the next start of the studio) saves \(collectable == 1 ? "it" : "them")"
    }
}
