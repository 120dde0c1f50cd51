import EaselCore
@testable import EaselUI
import Testing

/// A local backend's queue is journalled ("held"): its queued jobs survive quitting and
/// restarts, unsent, and go out in order when the studio starts again. Cloud jobs' queue stays
/// in memory (sending them later would spend money with no one watching).
@Suite("Held queue")
struct HeldQueueTests {
    static func local() -> AppState {
        var state = AppState(context: .sandbox(), width: 80, height: 24, provider: .a1111, model: "default")
        state.now = 100
        return state
    }

    static func send(_ state: inout AppState, _ text: String) -> [Effect] {
        state.compose.currentPart.editor = TextEditor(text: text)
        return Reducer.reduce(&state, .command(.submit))
    }

    @Test("a local backend runs one job at a time; the next is queued and journalled as held")
    func localJobsAreHeld() {
        var state = Self.local()
        #expect(state.context.limits.limit(for: .a1111) == 1)
        guard case .submit(1, _)? = Self.send(&state, "one").first else {
            Issue.record("the first job goes out")
            return
        }
        let effects = Self.send(&state, "two")
        guard effects.count == 1, case .hold(2, let request) = effects[0] else {
            Issue.record("the second job is held, got \(effects)")
            return
        }
        #expect(request.request.parts == [PromptPart("two")])
        #expect(state.queue.map(\.held) == [true])
        // Cancelling it ends its journal row; nothing was sent.
        Scenes.press(&state, .alt(.character("2")))
        #expect(state.jobs[state.selectedJob].id == 2)
        #expect(Scenes.press(&state, .char("c")) == [.dropHeld(id: 2)])
        #expect(state.queue.isEmpty)
    }

    @Test("a cloud provider's queue is not journalled")
    func cloudJobsAreNotHeld() {
        var state = JobHandlingTests.limited(1)
        _ = Self.send(&state, "one")
        #expect(Self.send(&state, "two") == [])
        #expect(state.queue.map(\.held) == [false])
    }

    @Test("the quit dialog says local queued jobs are kept and cloud ones dropped")
    func quitSays() {
        var state = Self.local()
        _ = Self.send(&state, "one")
        _ = Self.send(&state, "two")
        _ = Self.send(&state, "three")
        let outlook = QuitOutlook(state)
        #expect(outlook.keptQueued == 2 && outlook.queued == 0)
        let text = ChromeView.quitLines(state, width: 200).joined(separator: " ")
        #expect(text.contains("2 jobs queued for a local backend, not sent — kept; sent when the studio starts again."), "\(text)")
        #expect(!text.contains("dropped"))
    }

    @Test("held jobs found at start go back in the queue, in order, and the first goes out when there is room")
    func recoveredHeldJobsRequeue() throws {
        var state = Self.local()
        let requests = try ["two", "three"].map { text in
            try Catalog.bundled.resolve(GenerationRequest(provider: .a1111, model: "default", parts: [PromptPart(text)])).get()
        }
        let recovered = requests.enumerated().map { index, request in
            RecoveredJob(
                journalID: Int64(10 + index), provider: .a1111, model: "default", prompt: request.request.parts[0].text,
                thread: nil, entry: nil, unrecoverable: nil, startedAgo: 60, heldRequest: request)
        }
        let effects = Reducer.reduce(&state, .jobsRecovered(recovered))
        #expect(effects.count == 3, "\(effects)")
        #expect(effects.prefix(2) == [.adoptHeld(id: 1, journalID: 10), .adoptHeld(id: 2, journalID: 11)])
        guard case .submit(1, let first)? = effects.last else {
            Issue.record("the oldest held job goes out at once when nothing runs, got \(effects)")
            return
        }
        #expect(first.request.parts == [PromptPart("two")])
        #expect(state.queue.map(\.id) == [2])
        #expect(state.message?.text == "found 2 unfinished jobs from an earlier session; 2 back in the queue (never sent)")
        #expect(state.jobs.first { $0.id == 2 }?.phase == .queued)
    }

    @Test("a local backend that cannot be reached holds its queue: jobs wait unsent, new ones queue, R sends them")
    func unreachableHoldsTheQueue() {
        var state = Self.local()
        _ = Self.send(&state, "one")
        _ = Self.send(&state, "two")
        let effects = Reducer.reduce(&state, .jobFinished(1, .failure(.network("a1111 at 127.0.0.1:7860 refused the connection")), at: 101))
        #expect(!effects.contains { if case .submit = $0 { true } else { false } }, "the queued job is not sent to fail too: \(effects)")
        #expect(state.queue.map(\.id) == [2])
        #expect(state.message?.text == "a1111 is unreachable: 1 queued job waits, unsent — R retries")
        #expect(ProgressView.rowStatus(state.jobs[0], state).0 == "queued 1 · server unreachable, R retries")
        // A new job while it is down waits too.
        #expect(Self.send(&state, "three") == [.hold(id: 3, request: state.queue[1].request)])
        #expect(state.message?.text == "queued #3 (2 in line): a1111 was unreachable — R retries")
        // R tries again: the first queued job goes out.
        Scenes.press(&state, .alt(.character("2")))
        let retried = Scenes.press(&state, .char("R"))
        guard retried.count == 1, case .submit(2, _) = retried[0] else {
            Issue.record("R sends the first queued job, got \(retried)")
            return
        }
        #expect(state.unreachable.isEmpty)
        // Its success keeps the queue going.
        let next = Reducer.reduce(&state, .jobFinished(2, .success(GenerationResult(provider: "a1111", model: "default", images: [])), at: 110))
        #expect(next.contains { if case .submit(3, _) = $0 { true } else { false } }, "\(next)")
    }

    @Test("a cloud provider's network failure does not hold its queue")
    func cloudFailureDoesNotHold() {
        var state = JobHandlingTests.limited(1)
        _ = Self.send(&state, "one")
        _ = Self.send(&state, "two")
        let effects = Reducer.reduce(&state, .jobFinished(1, .failure(.network("down")), at: 101))
        #expect(effects.contains { if case .submit(2, _) = $0 { true } else { false } })
        #expect(state.unreachable.isEmpty)
    }
}
