import Foundation

/// Waits for ai-client request entries to get their responses. All jobs waiting on one thread
/// share a single poll loop, so a thread never has more than one poll in flight, however many
/// jobs are pending in it.
public actor ThreadPollHub {
    /// How a waiting job learns of each poll: the number of polls so far and the wait until the next.
    public typealias PollObserver = @Sendable (_ pollCount: Int, _ nextPoll: Duration) -> Void

    private struct Waiter {
        var entry: String
        var started: ContinuousClock.Instant
        var deadline: ContinuousClock.Instant
        var continuation: CheckedContinuation<(request: AIClientEntry, response: AIClientEntry), any Error>
        var observer: PollObserver
        var polls = 0
        var missing = 0
    }

    private struct Watch {
        var baseURL: String
        var token: String
        var thread: String
        var waiters: [UUID: Waiter] = [:]
        var failures = 0
        var running = false
    }

    private let sender: RequestSender
    private let schedule: PollSchedule
    private let sleeper: any Sleeper
    private var watches: [String: Watch] = [:]
    /// How long each endpoint's jobs took, so polling waits until a response is likely.
    private var completions: [String: CompletionTimes] = [:]
    /// Polls sent so far, across threads (for benchmarks and tests).
    public private(set) var pollsSent = 0

    /// Consecutive failed polls (each after its own retries) before the waiting jobs fail.
    static let failureLimit = 4
    /// Polls in which the entry is absent from its thread before the job fails.
    static let missingLimit = 5

    public init(sender: RequestSender, schedule: PollSchedule = PollSchedule(), sleeper: any Sleeper = ClockSleeper()) {
        self.sender = sender
        self.schedule = schedule
        self.sleeper = sleeper
    }

    /// Returns the request entry and its response once the server has answered; throws a
    /// `GenerationError` if the server reports an error, the entry vanishes, polling keeps failing
    /// or `maxWait` passes.
    public func waitForResponse(
        baseURL: String, token: String, thread: String, entry: String, maxWait: Duration = .seconds(1800),
        observer: @escaping PollObserver
    ) async throws -> (request: AIClientEntry, response: AIClientEntry) {
        let key = baseURL + "\u{1}" + thread
        let id = UUID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(throwing: GenerationError.cancelled)
                    return
                }
                let now = ContinuousClock.now
                var watch = watches[key] ?? Watch(baseURL: baseURL, token: token, thread: thread)
                watch.waiters[id] = Waiter(
                    entry: entry, started: now, deadline: now + maxWait, continuation: continuation, observer: observer)
                let start = !watch.running
                watch.running = true
                watches[key] = watch
                if start { Task { await self.loop(key) } }
            }
        } onCancel: {
            Task { await self.finish(key, id, with: .failure(GenerationError.cancelled)) }
        }
    }

    private func loop(_ key: String) async {
        while let watch = watches[key], !watch.waiters.isEmpty {
            let youngest = watch.waiters.values.map(\.started).max() ?? .now
            let delay = schedule.interval(
                afterWaiting: (ContinuousClock.now - youngest).inSeconds, typical: completions[watch.baseURL]?.typical)
            try? await sleeper.sleep(for: delay)
            guard let current = watches[key], !current.waiters.isEmpty else { break }
            let request = AIClientWire.listEntries(baseURL: current.baseURL, token: current.token, thread: current.thread)
            pollsSent += 1
            let outcome: Result<IncomingResponse, TransportFailure>
            do {
                outcome = .success(try await sender.send(request, kind: .idempotent))
            } catch {
                outcome = .failure(error)
            }
            handle(outcome, key: key)
        }
        watches[key] = nil
    }

    private func handle(_ outcome: Result<IncomingResponse, TransportFailure>, key: String) {
        guard var watch = watches[key] else { return }
        let response: IncomingResponse
        switch outcome {
        case .failure(let failure):
            watch.failures += 1
            watches[key] = watch
            if watch.failures >= Self.failureLimit {
                failAll(key, GenerationError.network("polling thread \(watch.thread) failed \(watch.failures) times: \(failure)"))
            } else {
                expireOverdue(key)
            }
            return
        case .success(let reply):
            response = reply
        }
        guard response.isSuccess else {
            let message = ServerMessage.extract(from: response.body) ?? "HTTP \(response.status)"
            if response.status >= 500 || response.status == 429 || response.status == 408 {
                watch.failures += 1
                watches[key] = watch
                if watch.failures >= Self.failureLimit {
                    failAll(key, GenerationError.network("polling thread \(watch.thread) kept failing: \(message)"))
                }
            } else {
                failAll(key, GenerationError.rejected(status: response.status, message: message))
            }
            return
        }
        guard let entries = AIClientWire.decodeEntries(response.body) else {
            // A poll is idempotent, and a body cut short or garbled on the way (a proxy, a server
            // restarting) says nothing about the entry: it counts as a failed poll, like a 500.
            watch.failures += 1
            watches[key] = watch
            if watch.failures >= Self.failureLimit {
                failAll(key, GenerationError.badReply("the entries of thread \(watch.thread) are not the documented JSON"))
            }
            return
        }
        watch.failures = 0
        watches[key] = watch
        for (id, waiter) in watch.waiters {
            check(waiter, id: id, key: key, entries: entries)
        }
        expireOverdue(key)
    }

    private func check(_ waiter: Waiter, id: UUID, key: String, entries: [AIClientEntry]) {
        guard let index = entries.firstIndex(where: { $0.guid == waiter.entry }) else {
            var updated = waiter
            updated.missing += 1
            if updated.missing >= Self.missingLimit {
                finish(key, id, with: .failure(GenerationError.badReply("entry \(waiter.entry) is not in its thread")))
            } else {
                report(updated, id: id, key: key)
            }
            return
        }
        let request = entries[index]
        if let error = request.error {
            finish(key, id, with: .failure(GenerationError.rejected(status: 200, message: error)))
            return
        }
        let rest = entries[(index + 1)...]
        let answer = rest.prefix { !$0.isRequest }.first(where: \.isResponse)
        if !request.waitingResponse, let answer {
            if let error = answer.error {
                finish(key, id, with: .failure(GenerationError.rejected(status: 200, message: error)))
            } else {
                finish(key, id, with: .success((request, answer)))
            }
            return
        }
        report(waiter, id: id, key: key)
    }

    private func report(_ waiter: Waiter, id: UUID, key: String) {
        var updated = waiter
        updated.polls += 1
        watches[key]?.waiters[id] = updated
        let typical = watches[key].flatMap { completions[$0.baseURL]?.typical }
        let next = schedule.interval(afterWaiting: (ContinuousClock.now - waiter.started).inSeconds, typical: typical)
        updated.observer(updated.polls, next)
    }

    private func expireOverdue(_ key: String) {
        let now = ContinuousClock.now
        for (id, waiter) in watches[key]?.waiters ?? [:] where now >= waiter.deadline {
            let waited = Int((now - waiter.started).inSeconds)
            finish(key, id, with: .failure(GenerationError.network(
                "no response after \(waited) s; entry \(waiter.entry) may still finish on the server")))
        }
    }

    private func failAll(_ key: String, _ error: GenerationError) {
        for id in watches[key]?.waiters.keys.map({ $0 }) ?? [] {
            finish(key, id, with: .failure(error))
        }
    }

    private func finish(_ key: String, _ id: UUID, with result: Result<(request: AIClientEntry, response: AIClientEntry), any Error>) {
        guard let waiter = watches[key]?.waiters.removeValue(forKey: id) else { return }
        if case .success = result, let baseURL = watches[key]?.baseURL {
            completions[baseURL, default: CompletionTimes()].record((ContinuousClock.now - waiter.started).inSeconds)
        }
        waiter.continuation.resume(with: result)
    }
}
