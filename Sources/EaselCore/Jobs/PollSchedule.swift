/// How often to poll a waiting job: once a second for the first 20 s (so a finished image shows
/// up within a second, at one request a second), then a tenth of the time waited so far, up to
/// `maxInterval`. When the server's typical completion time is known, nothing is polled before
/// half of it has passed: a job is rarely done sooner, and the polls would be wasted.
public struct PollSchedule: Sendable, Hashable {
    public var firstDelay: Double
    public var maxInterval: Double

    public init(firstDelay: Double = 1, maxInterval: Double = 5) {
        self.firstDelay = firstDelay
        self.maxInterval = max(maxInterval, 0.05)
    }

    /// The wait before the next poll, given how long the job has been waiting and how long the
    /// server's jobs typically take (seconds; nil when not known yet).
    public func interval(afterWaiting elapsed: Double, typical: Double? = nil) -> Duration {
        var seconds: Double
        if elapsed < 20 {
            seconds = min(max(firstDelay, 0.05 * elapsed), 1.0)
        } else {
            seconds = max(1.0, 0.1 * elapsed)
        }
        if let typical, typical.isFinite {
            seconds = max(seconds, typical / 2 - elapsed)
        }
        return .milliseconds(Int64((min(seconds, maxInterval) * 1000).rounded()))
    }
}
