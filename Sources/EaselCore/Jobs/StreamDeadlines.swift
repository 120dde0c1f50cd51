import Synchronization

/// How long a streamed generation may run: at most `idle` between events that move the job on
/// (a partial image it asked for, or a final image — comments, keep-alives and surplus partials
/// do not), and at most `overall` in all. Past either the stream is closed and the job ends as
/// an outcome unknown: the request was received and is never sent again.
public struct StreamDeadlines: Sendable, Hashable {
    public var idle: Duration
    public var overall: Duration

    /// Three minutes between steps (a large image at top quality can take two before its first
    /// partial), fifteen in all.
    public init(idle: Duration = .seconds(180), overall: Duration = .seconds(900)) {
        self.idle = idle
        self.overall = overall
    }

    /// Whole seconds (or milliseconds below one), for messages.
    static func words(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds >= 1 ? "\(seconds) s" : "\(duration.components.attoseconds / 1_000_000_000_000_000) ms"
    }
}

/// The clock of one stream, shared by the reader (which notes progress) and a watchdog (which
/// closes a stream that stays silent past a deadline, when no byte arrives to check it on).
///
/// The clock starts when an attempt to send starts (`arm`), not when the job does: a wait for a
/// connection or a 429's Retry-After between attempts is not a silent stream, and calling it
/// one would report a request no server received as an outcome unknown.
final class StreamWatch: Sendable {
    let deadlines: StreamDeadlines
    private let state: Mutex<(started: ContinuousClock.Instant?, last: ContinuousClock.Instant, armed: Bool, expired: GenerationError?)>

    init(_ deadlines: StreamDeadlines) {
        self.deadlines = deadlines
        state = Mutex((started: nil, last: ContinuousClock.now, armed: false, expired: nil))
    }

    /// An attempt to send starts: the idle clock starts now (the overall one, at the first).
    func arm() {
        state.withLock { state in
            let now = ContinuousClock.now
            state.started = state.started ?? now
            state.last = now
            state.armed = true
        }
    }

    /// The attempt failed before the stream began (to be retried, or not): nothing is silent.
    func disarm() {
        state.withLock { $0.armed = false }
    }

    /// An event moved the job on.
    func progressed() {
        state.withLock { $0.last = ContinuousClock.now }
    }

    /// The deadline that has passed, if one has (remembered once found).
    func check() -> GenerationError? {
        state.withLock { state in
            if let expired = state.expired { return expired }
            guard state.armed, let started = state.started else { return nil }
            let now = ContinuousClock.now
            let unsent = "it was not sent again, so the image may have been made"
            if now - started > deadlines.overall {
                state.expired = .outcomeUnknown(
                    "the stream of the generation request was still open after \(StreamDeadlines.words(deadlines.overall)) "
                        + "(stream_timeout), so it was closed; \(unsent)")
            } else if now - state.last > deadlines.idle {
                state.expired = .outcomeUnknown(
                    "the stream of the generation request made no progress for \(StreamDeadlines.words(deadlines.idle)) "
                        + "(stream_idle_timeout), so it was closed; \(unsent)")
            }
            return state.expired
        }
    }

    /// Returns once a deadline has passed (or the task is cancelled), sleeping in between.
    func expiry() async {
        while check() == nil {
            let next = state.withLock { state -> ContinuousClock.Instant? in
                guard state.armed, let started = state.started else { return nil }
                return min(state.last + deadlines.idle, started + deadlines.overall)
            }
            let wait = next.map { max($0 - ContinuousClock.now, .milliseconds(5)) } ?? .milliseconds(50)
            do { try await Task.sleep(for: wait) } catch { return }
        }
    }
}
