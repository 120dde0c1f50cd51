import EaselCore
import EaselStore
import EaselUI
import Foundation

/// What the studio keeps in the history between sessions: the composer the user had not sent
/// (restored at the next start) and how long past jobs took (for ETAs).
public final class StudioMemory: Sendable {
    /// How long quitting waits for the draft to be written before giving up on it.
    static let saveTimeout = 3.0

    private let opening: Task<HistoryStore?, Never>

    /// Memory over a history that may still be opening.
    public init(opening: Task<HistoryStore?, Never>) {
        self.opening = opening
    }

    /// Memory over an open history.
    public convenience init(store: HistoryStore) {
        self.init(opening: Task { store })
    }

    /// Reads the kept draft and recent durations in the background and posts them to `inbox`.
    public func restore(inbox: Inbox, catalog: Catalog = .bundled) {
        let opening = opening
        Task.detached {
            guard let store = await opening.value else { return }
            if let durations = try? store.recentDurations() {
                inbox.post(.durationsLoaded(Self.byKey(durations, catalog: catalog)))
            }
            if let draft = try? store.draft() {
                inbox.post(.draftRestored(draft))
            }
        }
    }

    /// Writes (or, for nil, forgets) the draft; blocks the caller — the studio's own thread as it
    /// closes, never the cooperative pool — until written or `saveTimeout` passed.
    public func keep(draft: GenerationRequest?) {
        let opening = opening
        let written = DispatchSemaphore(value: 0)
        Task.detached {
            if let store = await opening.value { try? store.saveDraft(draft) }
            written.signal()
        }
        _ = written.wait(timeout: .now() + Self.saveTimeout)
    }

    /// Durations grouped by what an ETA is learnt from, oldest first (the store gives newest first).
    static func byKey(_ durations: [JobDuration], catalog: Catalog) -> [DurationKey: [Double]] {
        var grouped: [DurationKey: [Double]] = [:]
        for duration in durations.reversed() {
            guard let request = duration.request, let resolved = try? catalog.resolve(request).get() else { continue }
            grouped[DurationKey(resolved), default: []].append(duration.seconds)
        }
        return grouped
    }
}
