import EaselCore

/// The studio's monotonic clock in seconds since it started: what `tick` and job events carry,
/// so elapsed times never jump when the wall clock is changed.
public struct StudioClock: Sendable {
    private let start: ContinuousClock.Instant

    /// Starts the clock at zero now.
    public init() {
        start = ContinuousClock.now
    }

    /// Seconds since the clock started.
    public var now: Double {
        (ContinuousClock.now - start).inSeconds
    }
}
