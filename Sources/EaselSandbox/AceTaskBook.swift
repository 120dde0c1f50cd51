import EaselCore
import EaselImage
import Foundation

/// The sandbox's Ace Data Cloud tasks: made by a generation request with a `callback_url`,
/// answered by `/openai/tasks` retrieve (by id or trace id), finished after the sandbox's delay,
/// and announced by a POST to the callback URL. Tests wait on it instead of sleeping.
public actor AceTaskBook {
    /// When a finished task's result becomes visible, so tests can make either path win.
    enum Race: Sendable {
        /// Retrieve shows the response as soon as it is ready; the callback goes out at once too.
        case both
        /// Polls keep seeing the task running until its callback went out: only a lookup the
        /// callback prompted finds the result (Easel confirms every callback with a retrieve).
        case callbackOnly
        /// The callback waits until a test releases the task (`release`), so polling wins.
        case held
    }

    /// Sends a task's callback; the routes supply it, as they own the HTTP client.
    typealias Deliverer = @Sendable (Record, JSONValue) async -> Void

    /// One task as the sandbox keeps it.
    struct Record: Sendable {
        var id: String
        var traceID: String
        var created: Date
        var request: JSONValue
        var callbackURL: String
        var race: Race
        var response: JSONValue?
        var finished: Date?
        var callbackSent = false
        var released = false
        /// The result is kept from retrieve and callback alike until a test releases the task.
        var resultHeld = false
        /// Retrieves that must see the task running before its result shows, so a test can
        /// count on polls that find it pending whatever the machine's speed.
        var pendingPolls = 0
        var deliver: Deliverer
    }

    private var tasks: [String: Record] = [:]
    private var byTrace: [String: String] = [:]
    private var callbackAnswers: [String: Int] = [:]
    private var callbackWaiters: [String: [CheckedContinuation<Int, Never>]] = [:]
    private var createdWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init() {}

    /// How many tasks were made.
    public var count: Int { tasks.count }

    /// Returns once at least `count` tasks exist.
    public func waitForTasks(_ count: Int) async {
        if tasks.count >= count { return }
        await withCheckedContinuation { createdWaiters.append((count, $0)) }
    }

    /// Returns the HTTP status the callback receiver gave the task's callback (0: it could not be
    /// delivered), once the sandbox has sent it.
    public func waitForCallback(traceID: String) async -> Int {
        if let status = callbackAnswers[traceID] { return status }
        return await withCheckedContinuation { callbackWaiters[traceID, default: []].append($0) }
    }

    /// The trace id of a task.
    public func traceID(ofTask id: String) -> String? { tasks[id]?.traceID }

    /// The trace ids of every task, oldest first.
    public var traceIDs: [String] { tasks.values.sorted { $0.created < $1.created }.map(\.traceID) }

    /// Lets a held result or callback go (at once if the task is done, else when it is).
    public func release(traceID: String) {
        guard let id = byTrace[traceID], var task = tasks[id] else { return }
        task.released = true
        tasks[id] = task
        if let response = task.response, let due = claimCallback(id) {
            Task { await due.deliver(due, response) }
        }
    }

    /// Makes a task for a generation request with a callback URL.
    func create(
        traceID: String?, request: JSONValue, callbackURL: String, race: Race, pendingPolls: Int = 0, resultHeld: Bool = false,
        now: Date, deliver: @escaping Deliverer
    ) -> Record {
        let trace = traceID ?? UUID().uuidString.lowercased()
        let task = Record(
            id: UUID().uuidString.lowercased(), traceID: trace, created: now, request: request, callbackURL: callbackURL,
            race: race, resultHeld: resultHeld, pendingPolls: pendingPolls, deliver: deliver)
        tasks[task.id] = task
        byTrace[trace] = task.id
        let waiting = createdWaiters
        createdWaiters = []
        for waiter in waiting {
            if tasks.count >= waiter.count { waiter.continuation.resume() } else { createdWaiters.append(waiter) }
        }
        return task
    }

    /// Stores the result; returns the task when its callback should go out now.
    func finish(_ id: String, response: JSONValue, now: Date) -> Record? {
        guard var task = tasks[id] else { return nil }
        task.response = response
        task.finished = now
        tasks[id] = task
        return (task.race == .held || task.resultHeld) && !task.released ? nil : claimCallback(id)
    }

    /// The retrieve answer for an id or trace id (the trace id wins, as on the real service).
    func retrieve(id: String?, traceID: String?) -> JSONValue {
        guard let key = traceID.flatMap({ byTrace[$0] }) ?? id, var task = tasks[key] else { return .object([:]) }
        var fields: [String: JSONValue] = [
            "_id": .string(task.id), "id": .string(task.id), "trace_id": .string(task.traceID),
            "type": .string("images_generations"), "application_id": .string("sandbox"), "user_id": .string("sandbox"),
            "credential_id": .string("sandbox"), "created_at": .double(task.created.timeIntervalSince1970),
            "request": task.request,
        ]
        guard let response = task.response, let finished = task.finished, task.race != .callbackOnly || task.callbackSent,
            task.pendingPolls <= 0,
            !task.resultHeld || task.released
        else {
            task.pendingPolls -= 1
            tasks[key] = task
            return .object(fields)
        }
        fields["response"] = response
        fields["finished_at"] = .double(finished.timeIntervalSince1970)
        fields["duration"] = .double(finished.timeIntervalSince(task.created))
        return .object(fields)
    }

    private func claimCallback(_ id: String) -> Record? {
        guard var task = tasks[id], !task.callbackSent else { return nil }
        task.callbackSent = true
        tasks[id] = task
        return task
    }

    /// Records how the receiver answered a task's callback, waking tests waiting for it.
    func noteCallback(traceID: String, status: Int) {
        callbackAnswers[traceID] = status
        for waiter in callbackWaiters.removeValue(forKey: traceID) ?? [] { waiter.resume(returning: status) }
    }
}
