import EaselUI
import Synchronization

/// Where background work leaves actions for the studio loop. Posting wakes the loop; the loop
/// drains everything at once, in order.
public final class Inbox: Sendable {
    private let pending = Mutex<[Action]>([])
    private let wake: @Sendable () -> Void

    /// Creates an inbox that calls `wake` after each post.
    public init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    /// Adds an action; safe from any thread.
    public func post(_ action: Action) {
        pending.withLock { $0.append(action) }
        wake()
    }

    /// Adds actions together: the loop takes all of them in one turn, or none.
    public func post(_ actions: [Action]) {
        guard !actions.isEmpty else { return }
        pending.withLock { $0.append(contentsOf: actions) }
        wake()
    }

    /// Takes every waiting action.
    func drain() -> [Action] {
        pending.withLock { actions in
            defer { actions.removeAll(keepingCapacity: true) }
            return actions
        }
    }

    /// Whether nothing is waiting.
    var isEmpty: Bool { pending.withLock { $0.isEmpty } }
}
