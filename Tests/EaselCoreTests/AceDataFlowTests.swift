import EaselAceCallbacks
import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// Ace Data Cloud end to end against the sandbox over real HTTP on 127.0.0.1: synchronous, the
/// task mode (polls, callbacks, which one wins), every documented error, and resuming by trace id.
@Suite(.timeLimit(.minutes(2)))
struct AceDataFlowTests {
    @Test func synchronousGenerationSavesTheImageAndTheRevisedPrompt() async throws {
        let world = try await AceWorld.start()
        defer { Task { await world.stop() } }
        let request = try resolved(GenerationRequest(
            provider: .aceData, model: "dall-e-3", parts: [PromptPart("A cute baby sea otter")],
            settings: [.quality: .text("hd"), .style: .text("natural")]))
        let updates = AceUpdates()
        let result = try await world.runner.run(request, endpoint: world.endpoint, stem: "otter") { updates.add($0) }
        #expect(result.provider == "acedata" && result.model == "dall-e-3")
        #expect(result.images.count == 1)
        let image = try #require(result.images.first)
        #expect(image.width == 1024 && image.height == 1024 && image.format == .png)
        #expect(ImageHeader(Array(try Data(contentsOf: URL(fileURLWithPath: image.path)).prefix(64)))?.width == 1024)
        #expect(result.revisedPrompt == "A delightful rendering of A cute baby sea otter")
        #expect(result.task == nil, "a synchronous job has no task")
        #expect(updates.all.allSatisfy { $0.task == nil })
        #expect(await world.sandbox.state.count("acedata-generate") == 1)
        #expect(await world.sandbox.state.count("acedata-tasks") == 0)
    }

    @Test func inlineImagesAreDecoded() async throws {
        let world = try await AceWorld.start()
        defer { Task { await world.stop() } }
        let request = try AceWorld.request(
            "two lighthouses", settings: [.size: .text("256x256"), .n: .text("2"), .responseFormat: .text("b64_json")])
        let result = try await world.runner.run(request, endpoint: world.endpoint, stem: "inline") { _ in }
        #expect(result.images.map { "\($0.width)x\($0.height)" } == ["256x256", "256x256"])
        #expect(await world.sandbox.state.count("storage") == 0, "nothing was downloaded")
    }

    /// Each documented error code and the one line it becomes, with its exit code.
    @Test(arguments: [
        ("token_mismatched", 400, "does not belong to this API (token_mismatched)", Int32(3)),
        ("api_not_implemented", 400, "does not offer this request (api_not_implemented)", 3),
        ("invalid_token", 401, "the token was refused (invalid_token): check ACEDATA_TOKEN", 3),
        ("used_up", 403, "balance is used up (used_up): top it up", 3),
        ("too_many_requests", 429, "rate limit was reached", 3),
        ("api_error", 500, "failed while making the image (api_error); the service said: fetch failed", 3),
        ("timeout", 504, "gave up waiting for the image (HTTP 504)", 5),
    ])
    func eachDocumentedErrorHasItsOwnMessage(code: String, status: Int, words: String, exitCode: Int32) async throws {
        let world = try await AceWorld.start()
        defer { Task { await world.stop() } }
        let request = try AceWorld.request("a fox ace-error:\(code)")
        let error = try await #require(throws: GenerationError.self) {
            _ = try await world.runner.run(request, endpoint: world.endpoint, stem: "e") { _ in }
        }
        #expect(error.description.contains(words), "\(error)")
        #expect(!error.description.contains("\n"))
        #expect(error.exitCode.rawValue == exitCode)
        if case .rejected(let got, _) = error { #expect(got == status) }
        if status == 504 { #expect(error.description.contains("--async")) }
        if status != 504 { #expect(error.description.contains("(trace "), "the service's trace id is kept for support") }
        // A 429 was never acted on, so the POST is sent again (after the short wait asked for).
        #expect(await world.sandbox.state.count("acedata-generate") == (status == 429 ? 4 : 1))
    }

    @Test func aWrongTokenIsInvalidToken() async throws {
        let world = try await AceWorld.start()
        defer { Task { await world.stop() } }
        var endpoint = world.endpoint
        endpoint.credential = Credential(secret: "not-the-token", source: "test")
        let error = try await #require(throws: GenerationError.self) {
            _ = try await world.runner.run(try AceWorld.request("x"), endpoint: endpoint, stem: "e") { _ in }
        }
        #expect(error == .rejected(status: 401, message: error.rejectionMessage))
        #expect(error.description.contains("invalid_token") && !error.description.contains("not-the-token"))
    }

    @Test func taskModePollsUntilTheTaskHasItsResponse() async throws {
        let world = try await AceWorld.start(delay: 0, asynchronous: true)
        defer { Task { await world.stop() } }
        let updates = AceUpdates()
        // The sandbox shows the task running to the first two polls, however late they come.
        let result = try await world.runner.run(try AceWorld.request("a lighthouse at dusk ace-pending-polls:2"), endpoint: world.endpoint, stem: "t") {
            updates.add($0)
        }
        #expect(result.images.count == 1 && result.images[0].width == 256)
        let task = try #require(result.task)
        let taskID = try #require(task.taskID)
        #expect(await world.sandbox.state.aceTasks.traceID(ofTask: taskID) == task.traceID, "the sandbox got Easel's trace id")
        let all = updates.all
        // The trace id and the callback secret are reported with the first update, before anything is sent.
        #expect(all.first == JobUpdate(state: .sending, task: RemoteTask(traceID: task.traceID, callbackSecret: task.callbackSecret)))
        #expect(task.callbackSecret?.count == 64)
        let polls = all.compactMap { update -> Int? in if case .waiting(let count, _) = update.state { count } else { nil } }
        #expect(Array(polls.prefix(3)) == [0, 1, 2], "waiting states count the polls that found the task running: \(polls)")
        #expect(all.filter { if case .waiting = $0.state { true } else { false } }.allSatisfy { $0.task == task })
        #expect(all.last?.state == .done)
        #expect(await world.sandbox.state.count("acedata-generate") == 1)
        #expect(await world.sandbox.state.count("acedata-tasks") == (polls.last ?? 0) + 1, "one more poll found it done")
        #expect(await world.sandbox.state.count("acedata-callback") == 0, "the placeholder callback goes nowhere")
    }

    @Test func aTaskThatFailsSaysWhy() async throws {
        let world = try await AceWorld.start(delay: 0.1, asynchronous: true)
        defer { Task { await world.stop() } }
        let error = try await #require(throws: GenerationError.self) {
            _ = try await world.runner.run(try AceWorld.request("a fox ace-task-fails"), endpoint: world.endpoint, stem: "f") { _ in }
        }
        #expect(error.description.contains("the task failed") && error.description.contains("api_error"))
        #expect(error.description.contains("fetch failed"))
        #expect(world.files().isEmpty)
    }

    @Test func theCallbackAloneCanFinishAJob() async throws {
        let receiver = try await AceCallbackReceiver.start()
        let world = try await AceWorld.start(delay: 0.3, asynchronous: true, receiver: receiver)
        defer { Task { await world.stop() } }
        let result = try await world.runner.run(try AceWorld.request("a fox ace-callback-only"), endpoint: world.endpoint, stem: "c") { _ in }
        #expect(result.images.count == 1)
        #expect(receiver.counts.accepted == 1 && receiver.counts.ignored == 0)
        #expect(await world.sandbox.state.count("acedata-callback") == 1)
        #expect(await world.sandbox.state.count("acedata-generate") == 1)
        #expect(world.files().count == 1)
    }

    @Test("a forged callback (its own image URL, a made-up failure) is checked with Ace and ignored")
    func forgedCallbacksAreNotTrusted() async throws {
        let receiver = try await AceCallbackReceiver.start()
        // Held: the sandbox's own callback waits, so only the forged ones arrive while the task runs.
        let world = try await AceWorld.start(delay: 1.5, asynchronous: true, receiver: receiver)
        defer { Task { await world.stop() } }
        let traces = TraceLog()
        let job = Task {
            try await world.runner.run(try AceWorld.request("a fox ace-callback-held"), endpoint: world.endpoint, stem: "forged") { update in
                if let task = update.task { traces.set(task) }
            }
        }
        let deadline = Date(timeIntervalSinceNow: 30)
        while traces.value == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let task = try #require(traces.value)
        let trace = task.traceID
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForTests)
        for forged in [
            #"{"trace_id":"\#(trace)","success":true,"data":[{"url":"http://127.0.0.1:9/evil.png"}]}"#,
            #"{"trace_id":"\#(trace)","success":false,"error":{"code":"forged","message":"made up"}}"#,
        ] {
            let post = OutgoingRequest(
                // The job's own address, secret included: the forger knows it, and still only Ace is believed.
                method: "POST", url: AceCallbackAddress.url(base: receiver.callbackURL, task: task), headers: [("Content-Type", "application/json")], body: Array(forged.utf8),
                timeout: .seconds(10))
            _ = try? await sender.send(post, kind: .idempotent)
        }
        let result = try await job.value
        #expect(result.images.count == 1, "the job ended with Ace's result, not the forged one")
        #expect(result.images.allSatisfy { !($0.url ?? "").contains("evil") })
        #expect(world.files().count == 1)
    }

    @Test func whenPollingWinsTheLateCallbackIsIgnored() async throws {
        let receiver = try await AceCallbackReceiver.start()
        let world = try await AceWorld.start(delay: 0.3, asynchronous: true, receiver: receiver)
        defer { Task { await world.stop() } }
        let result = try await world.runner.run(try AceWorld.request("a fox ace-callback-held"), endpoint: world.endpoint, stem: "p") { _ in }
        let task = try #require(result.task)
        // The sandbox held the callback until now, so a poll had the result first; the receiver
        // says it has it already, and nothing more is saved.
        await world.sandbox.state.aceTasks.release(traceID: task.traceID)
        #expect(await world.sandbox.state.aceTasks.waitForCallback(traceID: task.traceID) == 200)
        #expect(receiver.counts.accepted == 0 && receiver.counts.ignored == 1)
        #expect(world.files().count == 1)
    }

    @Test func withBothPathsOpenTheFirstWinsAndTheJobEndsOnce() async throws {
        let receiver = try await AceCallbackReceiver.start()
        let world = try await AceWorld.start(delay: 0.2, asynchronous: true, receiver: receiver)
        defer { Task { await world.stop() } }
        let results = try await withThrowingTaskGroup(of: GenerationResult.self) { group in
            for index in 0..<4 {
                group.addTask { try await world.runner.run(try AceWorld.request("boat \(index)"), endpoint: world.endpoint, stem: "b\(index)") { _ in } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4 && world.files().count == 4)
        for result in results {
            #expect(await world.sandbox.state.aceTasks.waitForCallback(traceID: try #require(result.task).traceID) == 200)
        }
        let counts = receiver.counts
        #expect(counts.accepted + counts.ignored == 4, "every callback was answered: \(counts)")
        #expect(await world.sandbox.state.count("acedata-generate") == 4)
    }

    @Test func aJobCutOffIsFoundAgainByItsTraceIDWithoutASecondPost() async throws {
        let world = try await AceWorld.start(delay: 0.6, asynchronous: true)
        defer { Task { await world.stop() } }
        let request = try AceWorld.request("a lighthouse in a storm")
        let seen = AceUpdates()
        let job = Task { try await world.runner.run(request, endpoint: world.endpoint, stem: "cut") { seen.add($0) } }
        // Easel "stops" as soon as the trace id is reported: what a crash right after the journal
        // write looks like. The request may or may not have gone out by then.
        await world.sandbox.state.aceTasks.waitForTasks(1)
        job.cancel()
        _ = try? await job.value
        let trace = try #require(seen.all.compactMap(\.task).first?.traceID)
        let updates = AceUpdates()
        let result = try await world.runner.resumeAceData(
            request, endpoint: world.endpoint, task: RemoteTask(traceID: trace), stem: "resumed") { updates.add($0) }
        #expect(result.images.count == 1)
        #expect(result.task?.traceID == trace)
        #expect(updates.all.last?.state == .done)
        #expect(await world.sandbox.state.count("acedata-generate") == 1, "resuming never posts again")
    }

    @Test("a resumed job's callback verifies with the journalled secret")
    func aResumedJobsCallbackVerifies() async throws {
        let first = try await AceCallbackReceiver.start()
        let world = try await AceWorld.start(delay: 0.1, asynchronous: true, receiver: first)
        defer { Task { await world.stop() } }
        // The sandbox holds both the callback and the result until released, so the callback can
        // only go out once the resumed job awaits it.
        let request = try AceWorld.request("a fox ace-callback-only ace-hold-result")
        let seen = AceUpdates()
        let job = Task { try await world.runner.run(request, endpoint: world.endpoint, stem: "cut") { seen.add($0) } }
        await world.sandbox.state.aceTasks.waitForTasks(1)
        job.cancel()
        _ = try? await job.value
        await first.stop()
        // What the journal kept: the trace id and the secret the callback address carries.
        let journalled = try #require(seen.all.compactMap(\.task).first)
        #expect(journalled.callbackSecret != nil)
        // A new process listens on the same address, knowing the job only from the journal.
        let second = try await AceCallbackReceiver.start(port: first.port)
        defer { Task { await second.stop() } }
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForTests)
        let schedule = PollSchedule(firstDelay: 0.05, maxInterval: 0.2)
        let resumer = GenerationRunner(
            sender: sender, store: ImageStore(directory: world.directory), hub: ThreadPollHub(sender: sender, schedule: schedule),
            aceTasks: AceTaskHub(sender: sender, asynchronous: true, receiver: second, pollRate: 100, schedule: schedule))
        let restored = RemoteTask(traceID: journalled.traceID, taskID: journalled.taskID, callbackSecret: journalled.callbackSecret)
        let polled = await world.sandbox.state.count("acedata-tasks")
        let resumed = Task { try await resumer.resumeAceData(request, endpoint: world.endpoint, task: restored, stem: "resumed") { _ in } }
        // Its first poll means it awaits the callback (`expect` comes before polling).
        let deadline = Date(timeIntervalSinceNow: 30)
        while await world.sandbox.state.count("acedata-tasks") == polled, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        await world.sandbox.state.aceTasks.release(traceID: restored.traceID)
        #expect(await world.sandbox.state.aceTasks.waitForCallback(traceID: restored.traceID) == 200, "the address's secret verified")
        let result = try await resumed.value
        #expect(result.images.count == 1)
        #expect(second.counts.accepted + second.counts.ignored == 1, "the callback reached the job (or found it just done by a poll)")
        #expect(await world.sandbox.state.count("acedata-generate") == 1)
    }

    @Test func aTraceTheServiceNeverGotEndsAsOutcomeUnknown() async throws {
        let world = try await AceWorld.start(asynchronous: true)
        defer { Task { await world.stop() } }
        let error = try await #require(throws: GenerationError.self) {
            _ = try await world.runner.resumeAceData(
                try AceWorld.request("x"), endpoint: world.endpoint, task: RemoteTask(traceID: "never-sent"), stem: "n") { _ in }
        }
        #expect(error.exitCode.rawValue == 5 && error.description.contains("no task with trace id never-sent"))
        #expect(await world.sandbox.state.count("acedata-generate") == 0)
        #expect(await world.sandbox.state.count("acedata-tasks") == 5)
    }

    @Test func concurrentTaskPollsKeepToTheConfiguredRate() async throws {
        let world = try await AceWorld.start(delay: 0.8, asynchronous: true, pollRate: 8)
        defer { Task { await world.stop() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                group.addTask { _ = try await world.runner.run(try AceWorld.request("kite \(index)"), endpoint: world.endpoint, stem: "k\(index)") { _ in } }
            }
            try await group.waitForAll()
        }
        let stats = world.runner.aceTasks.pollStatistics
        #expect(stats.total == (await world.sandbox.state.count("acedata-tasks")))
        #expect(stats.total >= 10)
        #expect(stats.maxPerSecond <= 8, "\(stats.maxPerSecond) polls within one second")
    }
}

extension GenerationError {
    /// The message of a rejection (empty for other errors).
    fileprivate var rejectionMessage: String {
        if case .rejected(_, let message) = self { return message }
        return ""
    }
}

/// The trace id a job reports, as a test waits for it.
final class TraceLog: @unchecked Sendable {
    private let lock = NSLock()
    private var task: RemoteTask?
    var value: RemoteTask? { lock.withLock { task } }
    func set(_ value: RemoteTask) { lock.withLock { task = value } }
}
