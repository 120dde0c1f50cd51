/// Spaces requests to one endpoint at most `rate` a second: a token bucket that holds a single
/// token, so no one-second window ever holds more than `rate` requests. Pure (the caller passes
/// the time, in seconds on a steady clock), so it is tested without a clock.
///
/// Two steps, because sleeping is not exact: `reserve` hands out send slots first come, first
/// served (a caller that gives up after reserving leaves the rate under-used, never exceeded);
/// `admit`, called on waking, lets the request go only if the last one admitted is at least
/// `1/rate` ago — otherwise a caller that woke late and the next one that woke on time would go
/// out together.
public struct RequestPacer: Sendable, Hashable {
    /// Requests per second.
    public let rate: Double
    private var nextSlot: Double?
    private var lastAdmitted: Double?

    public init(rate: Double) {
        self.rate = max(rate, 0.001)
    }

    /// The spacing between two requests.
    public var interval: Double { 1 / rate }

    /// Takes the next free slot at time `now`; returns how long to wait for it (0: go now).
    public mutating func reserve(at now: Double) -> Double {
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot + interval
        return slot - now
    }

    /// Admits a request woken at `now`: 0 when it may go (and it is recorded), else how much
    /// longer to wait before asking again.
    public mutating func admit(at now: Double) -> Double {
        if let lastAdmitted, now - lastAdmitted < interval {
            return interval - (now - lastAdmitted)
        }
        lastAdmitted = now
        return 0
    }
}
