/// How often to poll a waiting entry: about every half second at first, at most a second apart
/// for the first 20 s (so a finished image shows up within a second), then a tenth of the time
/// waited so far, up to `maxInterval`.
public struct PollSchedule: Sendable, Hashable {
    public var firstDelay: Double
    public var maxInterval: Double

    public init(firstDelay: Double = 0.5, maxInterval: Double = 5) {
        self.firstDelay = firstDelay
        self.maxInterval = max(maxInterval, 0.05)
    }

    /// The wait before the next poll, given how long the job has been waiting (seconds).
    public func interval(afterWaiting elapsed: Double) -> Duration {
        let seconds: Double
        if elapsed < 20 {
            seconds = min(max(firstDelay, 0.05 * elapsed), 1.0)
        } else {
            seconds = max(1.0, 0.1 * elapsed)
        }
        return .milliseconds(Int64((min(seconds, maxInterval) * 1000).rounded()))
    }
}
