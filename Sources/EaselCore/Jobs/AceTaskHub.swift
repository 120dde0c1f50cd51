import Foundation
import Synchronization

/// How Easel waits for Ace Data Cloud tasks: whether jobs use the task mode at all, the callback
/// receiver (when the user gave a public address), and the task polls — each job polls on
/// `PollSchedule`, and every poll to one endpoint passes one shared `RequestPacer`, so however many
/// jobs wait, the endpoint never gets more than `pollRate` polls a second.
public final class AceTaskHub: Sendable {
    /// The `callback_url` sent when no callback address is configured: the service creates a task
    /// (which it does only for requests with a callback) and its POST to this reserved,
    /// never-resolving name (RFC 2606 `.invalid`) goes nowhere; Easel polls instead.
    public static let placeholderCallback = "https://callback.invalid/easel"

    /// Use the task mode (`--async`): send a callback URL and trace id, poll the task.
    public let asynchronous: Bool
    /// Takes callbacks, when a public address is configured.
    public let receiver: (any AceCallbackInbox)?
    /// Most polls a second to one endpoint.
    public let pollRate: Double
    let sender: RequestSender
    let schedule: PollSchedule
    let sleeper: any Sleeper
    private let pacers = Mutex<[String: RequestPacer]>([:])
    private let meter = Mutex(RateMeter())
    /// How long each endpoint's tasks took, so polling waits until a result is likely.
    private let completions = Mutex<[String: CompletionTimes]>([:])
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    /// Consecutive failed polls (each after its own retries) before the job fails.
    static let failureLimit = 4
    /// Polls that find no such task before the job gives up on it.
    static let missingLimit = 5

    /// A hub; the defaults are the synchronous mode, no receiver and 5 polls a second.
    public init(
        sender: RequestSender, asynchronous: Bool = false, receiver: (any AceCallbackInbox)? = nil, pollRate: Double = 5,
        schedule: PollSchedule = PollSchedule(), sleeper: any Sleeper = ClockSleeper()
    ) {
        self.sender = sender
        self.asynchronous = asynchronous
        self.receiver = receiver
        self.pollRate = pollRate
        self.schedule = schedule
        self.sleeper = sleeper
        self.origin = clock.now
    }

    /// The URL to send as `callback_url` for `task`: the receiver's address with the task's trace
    /// id and secret, so only a POST that knows the secret is heard; the placeholder without one.
    public func callbackURL(for task: RemoteTask) -> String {
        guard let receiver else { return Self.placeholderCallback }
        return AceCallbackAddress.url(base: receiver.callbackURL, task: task)
    }

    /// Polls sent so far and the most sent within one second (client-side send times), across
    /// endpoints — what the benchmark prints beside the configured rate.
    public var pollStatistics: (total: Int, maxPerSecond: Int) {
        meter.withLock { ($0.total, $0.maxPerSecond) }
    }

    /// Waits for `task`'s result by polling — and by the callback, when there is a receiver —
    /// and returns the first that has it; the other is stopped and its answer ignored.
    /// `byTrace` looks the task up by Easel's trace id (a job resumed after a crash).
    func waitForTask(
        _ task: RemoteTask, baseURL: String, token: String, maxWait: Duration, byTrace: Bool,
        observer: @escaping @Sendable (_ polls: Int, _ next: Duration) -> Void
    ) async throws(GenerationError) -> OpenAIImagesWire.Reply {
        let receiver = receiver
        defer { receiver?.finish(task.traceID) }
        let outcome: Result<OpenAIImagesWire.Reply, GenerationError>? = await withTaskGroup(
            of: Result<OpenAIImagesWire.Reply, GenerationError>?.self
        ) { group in
            group.addTask {
                do throws(GenerationError) {
                    return .success(try await self.poll(
                        task, baseURL: baseURL, token: token, maxWait: maxWait, byTrace: byTrace, observer: observer))
                } catch {
                    return .failure(error)
                }
            }
            if let receiver {
                group.addTask {
                    // No delivery (receiver stopped, job cancelled): polling carries on alone.
                    guard let delivery = await receiver.wait(for: task.traceID) else { return nil }
                    if let expected = task.taskID, let named = delivery.task.taskID, expected != named { return nil }
                    switch delivery.status {
                    case .finished, .failed:
                        // Anyone can POST to a public callback address: its body is a hint that
                        // the task ended, never the result. Ace is asked, once, at once.
                        return await self.confirm(task, baseURL: baseURL, token: token, byTrace: byTrace)
                    case .notFound, .pending: return nil
                    }
                }
            }
            for await result in group {
                if let result {
                    group.cancelAll()
                    return result
                }
            }
            return nil
        }
        guard let outcome else { throw .cancelled }
        return try outcome.get()
    }

    /// Polls `POST /openai/tasks` until the task has a response.
    private func poll(
        _ task: RemoteTask, baseURL: String, token: String, maxWait: Duration, byTrace: Bool,
        observer: @escaping @Sendable (_ polls: Int, _ next: Duration) -> Void
    ) async throws(GenerationError) -> OpenAIImagesWire.Reply {
        let started = clock.now
        var polls = 0
        var failures = 0
        var missing = 0
        let request = AceDataWire.retrieveTask(baseURL: baseURL, token: token, task: task, byTrace: byTrace)
        let what = task.taskID.map { "task \($0)" } ?? "the task with trace id \(task.traceID)"
        // A resumed task may be long done: only a fresh one waits for the typical time.
        let typical = byTrace ? nil : completions.withLock { $0[baseURL]?.typical }
        while true {
            let waited = clock.now - started
            if waited >= maxWait {
                throw .network("no result after \(Int(waited.inSeconds)) s; \(what) may still finish on the server (easel resume picks it up)")
            }
            do {
                try await sleeper.sleep(for: schedule.interval(afterWaiting: waited.inSeconds, typical: typical))
                try await pace(baseURL)
            } catch {
                throw .cancelled
            }
            let reply: IncomingResponse
            do {
                reply = try await sender.send(request, kind: .idempotent, maxBodyBytes: 256 << 20)
            } catch {
                if case .tooLarge = error { throw .badReply("the task's result is too large") }
                failures += 1
                if failures >= Self.failureLimit { throw .network("polling \(what) failed \(failures) times: \(error)") }
                continue
            }
            guard reply.isSuccess else {
                if reply.status >= 500 || reply.status == 429 || reply.status == 408 {
                    failures += 1
                    if failures >= Self.failureLimit {
                        throw .network("polling \(what) kept failing: \(AceDataWire.errorLine(status: reply.status, body: reply.body))")
                    }
                    continue
                }
                throw .rejected(status: reply.status, message: AceDataWire.errorLine(status: reply.status, body: reply.body))
            }
            failures = 0
            guard let status = AceDataWire.decodeRetrieve(reply.body) else {
                throw .badReply("the task lookup did not answer with a JSON object")
            }
            switch status {
            case .finished(let images):
                let took = (clock.now - started).inSeconds
                completions.withLock { $0[baseURL, default: CompletionTimes()].record(took) }
                return images
            case .failed(let code, let message):
                throw Self.failure(code: code, message: message)
            case .notFound:
                missing += 1
                if missing >= Self.missingLimit {
                    throw task.taskID == nil || byTrace
                        ? .outcomeUnknown("no task with trace id \(task.traceID) was found after \(missing) lookups; the request may never have arrived, and it was not sent again")
                        : .badReply("the service does not know \(what)")
                }
            case .pending:
                missing = 0
            }
            polls += 1
            observer(polls, schedule.interval(afterWaiting: (clock.now - started).inSeconds, typical: typical))
        }
    }

    /// Asks Ace what became of `task` after a callback said it ended: its answer, when it has
    /// one, is the result; otherwise (still running, unknown, unreachable) the callback is
    /// ignored and polling carries on.
    private func confirm(
        _ task: RemoteTask, baseURL: String, token: String, byTrace: Bool
    ) async -> Result<OpenAIImagesWire.Reply, GenerationError>? {
        let request = AceDataWire.retrieveTask(baseURL: baseURL, token: token, task: task, byTrace: byTrace)
        guard let reply = try? await sender.send(request, kind: .idempotent, maxBodyBytes: 256 << 20), reply.isSuccess,
            let status = AceDataWire.decodeRetrieve(reply.body)
        else { return nil }
        switch status {
        case .finished(let images): return .success(images)
        case .failed(let code, let message): return .failure(Self.failure(code: code, message: message))
        case .notFound, .pending: return nil
        }
    }

    /// Waits for this endpoint's next poll slot and records the send.
    private func pace(_ baseURL: String) async throws {
        let wait = pacers.withLock { $0[baseURL, default: RequestPacer(rate: pollRate)].reserve(at: seconds()) }
        if wait > 0 { try await sleeper.sleep(for: .seconds(wait)) }
        while true {
            let (more, now) = pacers.withLock { pacers -> (Double, Double) in
                let now = seconds()
                return (pacers[baseURL, default: RequestPacer(rate: pollRate)].admit(at: now), now)
            }
            if more <= 0 {
                meter.withLock { $0.note(at: now) }
                return
            }
            try await sleeper.sleep(for: .seconds(more))
        }
    }

    private func seconds() -> Double { (clock.now - origin).inSeconds }

    /// A task that ended in an error, as the user sees it.
    static func failure(code: String?, message: String) -> GenerationError {
        .rejected(status: 200, message: "the task failed: " + AceDataErrorCode.explanation(status: 200, code: code) + "; the service said: " + message)
    }
}
