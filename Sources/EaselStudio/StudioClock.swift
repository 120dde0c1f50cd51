import EaselCore

/// The studio's monotonic clock in seconds since it started: what `tick` and job events carry,
/// so elapsed times never jump when the wall clock is changed.
public struct StudioClock: Sendable {
    private let read: @Sendable () -> Double

    /// Starts the clock at zero now.
    public init() {
        let start = ContinuousClock.now
        read = { (ContinuousClock.now - start).inSeconds }
    }

    /// A clock that reads `source` (tests set the time instead of waiting for it to pass).
    public init(reading source: @escaping @Sendable () -> Double) {
        read = source
    }

    /// Seconds since the clock started.
    public var now: Double { read() }
}
