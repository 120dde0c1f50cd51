import EaselCore
import Foundation

/// The receiver's book of awaited Ace tasks, each with its trace id and per-job secret, guarded
/// by the receiver's mutex. Continuations are handed back to be resumed outside the lock.
struct AceCallbackBook {
    typealias Waiter = CheckedContinuation<AceCallbackDelivery?, Never>

    /// What became of a callback.
    enum Verdict: Equatable {
        /// It woke the job.
        case accepted
        /// Its job already had a callback or is over: answered, nothing else.
        case ignored
        /// No trace and secret awaited here match the address: refused, no job touched.
        case unknown
    }

    /// An awaited trace: its secret, its callback once it came, and the jobs waiting for it.
    struct Slot {
        var secret: String
        var delivered: AceCallbackDelivery?
        var waiters: [UUID: Waiter] = [:]
    }

    /// How many finished traces are remembered, so a late callback is told it arrived.
    static let finishedLimit = 4096

    private var pending: [String: Slot] = [:]
    /// Traces whose jobs are over, oldest first, with their secrets; bounded.
    private var finishedOrder: [String] = []
    private var finished: [String: String] = [:]
    private(set) var accepted = 0
    private(set) var ignored = 0
    private var closed = false

    /// Awaits `task`; a task without a secret is not awaited (its callback could not be told
    /// from a forged one), and polling alone finishes it.
    mutating func expect(_ task: RemoteTask) {
        guard !closed, let secret = task.callbackSecret, pending[task.traceID] == nil else { return }
        pending[task.traceID] = Slot(secret: secret)
    }

    /// Whether `secret` is the one of the awaited or finished trace `trace`, compared in constant
    /// time.
    func verifies(trace: String, secret: String) -> Bool {
        guard let expected = pending[trace]?.secret ?? finished[trace] else {
            // Compared anyway, so an unknown trace takes as long as a known one with a wrong secret.
            _ = AceCallbackAddress.matches(secret, String(repeating: "0", count: 64))
            return false
        }
        return AceCallbackAddress.matches(secret, expected)
    }

    /// Parks a waiter, or returns what it gets at once (`.some(nil)`: nothing will come).
    mutating func park(_ waiter: Waiter, id: UUID, for trace: String, cancelled: Bool) -> AceCallbackDelivery?? {
        guard !cancelled, var slot = pending[trace] else { return .some(nil) }
        if let delivered = slot.delivered { return .some(delivered) }
        slot.waiters[id] = waiter
        pending[trace] = slot
        return .none
    }

    mutating func unpark(_ id: UUID, for trace: String) -> Waiter? {
        pending[trace]?.waiters.removeValue(forKey: id)
    }

    /// Hands a verified callback to its job (call `verifies` first).
    mutating func deliver(_ delivery: AceCallbackDelivery) -> (Verdict, [Waiter]) {
        let trace = delivery.task.traceID
        if var slot = pending[trace] {
            guard slot.delivered == nil else {
                ignored += 1
                return (.ignored, [])
            }
            slot.delivered = delivery
            let woken = Array(slot.waiters.values)
            slot.waiters = [:]
            pending[trace] = slot
            accepted += 1
            return (.accepted, woken)
        }
        if finished[trace] != nil {
            ignored += 1
            return (.ignored, [])
        }
        return (.unknown, [])
    }

    mutating func finish(_ trace: String) -> [Waiter] {
        guard let slot = pending.removeValue(forKey: trace) else { return [] }
        if finished.updateValue(slot.secret, forKey: trace) == nil {
            finishedOrder.append(trace)
            if finishedOrder.count > Self.finishedLimit { finished.removeValue(forKey: finishedOrder.removeFirst()) }
        }
        return Array(slot.waiters.values)
    }

    mutating func closeAll() -> [Waiter] {
        closed = true
        defer { pending.removeAll() }
        return pending.values.flatMap { $0.waiters.values }
    }
}
