import Foundation

/// A clock for tests: each reading is one second after the last, from a fixed start, so rows
/// written in sequence have distinct, predictable times.
final class StepClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = start
    }

    /// The next time.
    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        current += 1
        return current
    }
}
