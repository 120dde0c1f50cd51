import EaselCore
@testable import EaselUI
import Testing

/// The studio's handling of jobs: the same request sent twice by accident, the per-provider
/// queue, ETAs from past runs, failure reasons read and copied whole, a resumed job's clock,
/// the kept composer, and what the quit dialog promises.
@Suite("Job handling")
struct JobHandlingTests {
    /// Sends what the composer holds and returns the effects.
    @discardableResult
    static func send(_ state: inout AppState) -> [Effect] {
        Reducer.reduce(&state, .command(.submit))
    }

    static func tick(_ state: inout AppState, to now: Double) {
        _ = Reducer.reduce(&state, .tick(now: now))
    }

    // MARK: Sending twice

    @Test("the same request again within 5 s asks first (saying how long ago and how many run); n keeps it unsent, y sends")
    func resendAsks() {
        var state = Scenes.fresh()
        Scenes.type(&state, "a red fox")
        guard case .submit(1, _)? = Self.send(&state).first else {
            Issue.record("the first send goes out at once")
            return
        }
        Self.tick(&state, to: 102)
        #expect(Self.send(&state) == [])
        #expect(state.jobs.count == 1)
        #expect(state.message?.text == "the same request was sent 2s ago (1 running) — send again? y/n")
        #expect(Reducer.keyContexts(state) == [.confirmSend])
        // While asking, letters are answers, not prompt text.
        Scenes.type(&state, "x")
        #expect(state.compose.currentPart.editor.text == "a red fox")
        // Ctrl-C answers no; the next one quits as it always does.
        Scenes.press(&state, .ctrl("c"))
        #expect(state.confirmingSend == nil && !state.quitting)
        Self.send(&state)
        Scenes.press(&state, .char("n"))
        #expect(state.confirmingSend == nil && state.jobs.count == 1)
        #expect(state.message?.text == "not sent again")
        Self.send(&state)
        guard case .submit(2, let request)? = Scenes.press(&state, .char("y")).first else {
            Issue.record("y sends the request that was held back")
            return
        }
        #expect(request.request.parts == [PromptPart("a red fox")])
        #expect(state.jobs.map(\.id) == [2, 1])
        // Once both are older than the window, the same request goes out without asking.
        Self.tick(&state, to: 107.5)
        guard case .submit(3, _)? = Self.send(&state).first else {
            Issue.record("a send more than 5 s later goes out at once")
            return
        }
    }

    @Test("a different request, or a finished one's count, is said honestly: a changed prompt goes out at once")
    func differentRequestSends() {
        var state = Scenes.fresh()
        Scenes.type(&state, "a red fox")
        Self.send(&state)
        Scenes.type(&state, "!")
        guard case .submit(2, _)? = Self.send(&state).first else {
            Issue.record("a changed prompt is not a repeat")
            return
        }
        let result = GenerationResult(provider: "ai-client", model: "stablediffusion_text2img", images: [])
        _ = Reducer.reduce(&state, .jobFinished(2, .success(result), at: 101))
        Self.send(&state)
        #expect(state.message?.text == "the same request was sent 1s ago (0 running) — send again? y/n")
    }

    // MARK: The queue

    static func limited(_ limit: Int) -> AppState {
        var state = Scenes.fresh()
        state.context.limits = JobLimits([.aiClient: limit])
        return state
    }

    /// Sends a prompt of its own (so the resend guard stays out of the way).
    static func sendPrompt(_ state: inout AppState, _ text: String) -> [Effect] {
        state.compose.currentPart.editor = TextEditor(text: text)
        return send(&state)
    }

    @Test("beyond the provider's limit jobs queue unsent, show their place, move with K/J, and go out as others end")
    func queue() {
        var state = Self.limited(2)
        #expect(Self.sendPrompt(&state, "one").count == 1)
        #expect(Self.sendPrompt(&state, "two").count == 1)
        #expect(Self.sendPrompt(&state, "three") == [])
        #expect(state.message?.text == "queued #3 (1 in line): ai-client already runs 2 jobs at once")
        #expect(Self.sendPrompt(&state, "four") == [])
        #expect(state.queue.map(\.id) == [3, 4])
        #expect(state.queuePosition(of: 4) == 2)
        #expect(ProgressView.rowStatus(state.jobs[0], state).0 == "queued 2")
        #expect(Renderer.render(state).grid.lines.contains { $0.contains("Progress · 2 running · 2 queued") })
        // #4 is selected (the newest, at the top): K sends it sooner.
        Scenes.press(&state, .alt(.character("2")))
        #expect(state.jobs[state.selectedJob].id == 4)
        Scenes.press(&state, .char("K"))
        #expect(state.queue.map(\.id) == [4, 3])
        Scenes.press(&state, KeyPress(.down, [.shift]))
        #expect(state.queue.map(\.id) == [3, 4])
        Scenes.press(&state, .char("J"))
        #expect(state.queue.map(\.id) == [3, 4], "the last stays last")
        // A queued job cancelled was never sent: no cancel effect, and it leaves the queue.
        #expect(Scenes.press(&state, .char("c")) == [])
        #expect(state.jobs[0].phase == .cancelled && state.queue.map(\.id) == [3])
        #expect(state.message?.text == "cancelled #4; it was queued, so nothing was sent")
        // #1 ends: #3 is sent, its clock starting now.
        Self.tick(&state, to: 130)
        let effects = Reducer.reduce(&state, .jobFinished(1, .failure(.network("down")), at: 130))
        guard case .submit(3, let request)? = effects.last else {
            Issue.record("a queued job goes out when a running one ends, got \(effects)")
            return
        }
        #expect(request.request.parts == [PromptPart("three")])
        #expect(state.queue.isEmpty)
        #expect(state.jobs.first { $0.id == 3 }?.startedAt == 130)
        // Cancelling a running job also makes room.
        #expect(Self.sendPrompt(&state, "five") == [])
        Scenes.press(&state, .char("g"), .char("j"), .char("j"))
        #expect(state.jobs[state.selectedJob].id == 3)
        let cancelled = Scenes.press(&state, .char("c"))
        #expect(cancelled.first == .cancel(id: 3))
        guard cancelled.count == 2, case .submit(5, _) = cancelled[1] else {
            Issue.record("cancelling a running job sends the next queued one, got \(cancelled)")
            return
        }
    }

    @Test("K/J on a job that is not queued says so and changes nothing")
    func moveOnlyQueued() {
        var state = Scenes.jobs()
        Scenes.press(&state, .alt(.character("2")), .char("K"))
        #expect(state.message?.text == "only a queued job can be moved in the queue")
    }

    // MARK: ETAs

    @Test("a running job shows ~N s left from the median of past runs, only with at least three, and learns from its own end")
    func eta() {
        var state = Scenes.fresh()
        Scenes.type(&state, "a red fox")
        guard case .submit(_, let request)? = Self.send(&state).first else {
            Issue.record("expected a submit")
            return
        }
        let key = DurationKey(request)
        #expect(key.size == "1024x1024", "the size is the resolved one, default included")
        _ = Reducer.reduce(&state, .durationsLoaded([key: [10, 30]]))
        Self.tick(&state, to: 104)
        #expect(ProgressView.estimate(state.jobs[0], state) == nil, "two runs are too few to go by")
        #expect(!ProgressView.rowStatus(state.jobs[0], state).0.contains("left"))
        _ = Reducer.reduce(&state, .durationsLoaded([key: [14]]))
        #expect(state.typicalDuration(key) == 14)
        #expect(ProgressView.rowStatus(state.jobs[0], state).0 == "queued · ~10s left")
        _ = Reducer.reduce(&state, .jobUpdated(1, JobUpdate(state: .sending), at: 112))
        #expect(ProgressView.rowStatus(state.jobs[0], state).0 == "sending · ~2s left")
        Self.tick(&state, to: 120)
        #expect(ProgressView.estimate(state.jobs[0], state) == nil, "past the usual time there is no honest ETA")
        let result = GenerationResult(provider: "ai-client", model: "stablediffusion_text2img", images: [])
        _ = Reducer.reduce(&state, .jobFinished(1, .success(result), at: 121))
        #expect(state.durations[key] == [14, 10, 30, 21])
        #expect(state.typicalDuration(key) == 17.5)
        // A failed job teaches nothing.
        Self.tick(&state, to: 200)
        Self.send(&state)
        _ = Reducer.reduce(&state, .jobFinished(2, .failure(.network("down")), at: 201))
        #expect(state.durations[key]?.count == 4)
    }

    // MARK: Failure reasons

    static func reason(_ repeats: Int) -> String {
        "the provider refused the request (HTTP 422): " + String(repeating: "every word of this reason matters ", count: repeats) + "THE END"
    }

    static let longReason = reason(3)

    @Test("y on a failed job copies its whole reason; on a job with images it still copies the prompt")
    func copyReason() {
        var state = Scenes.jobs()
        let index = state.jobs.firstIndex { $0.id == 6 }!
        state.jobs[index].phase = .failed(Self.longReason)
        Scenes.press(&state, .alt(.character("2")))
        state.selectedJob = index
        #expect(Scenes.press(&state, .char("y")) == [.copyToClipboard(Self.longReason)])
        #expect(state.message?.text == "copied the reason #6 failed to the clipboard (OSC 52)")
        state.selectedJob = state.jobs.firstIndex { $0.id == 5 }!
        #expect(Scenes.press(&state, .char("y")) == [.copyToClipboard("a lighthouse at dusk number 5")])
    }

    @Test("the detail area wraps the whole reason instead of cutting it at the pane's width")
    func reasonWraps() {
        var state = Scenes.jobs(width: 140, height: 40)
        let index = state.jobs.firstIndex { $0.id == 6 }!
        state.jobs[index].phase = .failed(Self.longReason)
        Scenes.press(&state, .alt(.character("2")))
        state.selectedJob = index
        let text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(text.contains("THE END"), "\(text)")
        #expect(text.contains("(HTTP 422): every"), "the reason starts in full, then wraps")
        Snapshot.check(Renderer.render(state), named: "progress-failed-reason-140x40")
        // Longer than the area: the last row says how to get all of it.
        state.jobs[index].phase = .failed(Self.reason(30))
        let cut = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(!cut.contains("THE END") && cut.contains("… y copies all"), "\(cut)")
        #expect(cut.contains("✗ the provider refused the request (HTTP 422)"), "the reason starts in full")
        // At 80×24 the details have two rows: the start of the reason, not the heading.
        var small = state
        small.width = 80
        small.height = 24
        let narrow = Renderer.render(small).grid.lines
        #expect(narrow.contains { $0.contains("✗ the provider refused the request (HTTP 422)") && $0.contains("every") }, "\(narrow)")
        #expect(narrow.contains { $0.contains("… y copies all") })
        #expect(!narrow.contains { $0.contains("#6 ai-client/dalle2_text2img") })
    }

    // MARK: After a restart

    @Test("a resumed job's elapsed time goes on from when it was first sent")
    func resumedClock() {
        var state = Scenes.fresh()
        let job = RecoveredJob(
            journalID: 9, provider: .aiClient, model: "dalle2_text2img", prompt: "p", thread: "t", entry: "e", unrecoverable: nil,
            startedAgo: 30)
        #expect(Reducer.reduce(&state, .jobsRecovered([job])) == [.resume(id: 1, journalID: 9)])
        #expect(state.jobs[0].elapsed(now: state.now) == 30)
    }

    @Test("jobs recovered while the user has one selected keep that one selected")
    func recoveryKeepsTheSelection() {
        var state = Scenes.jobs()
        state.focus = .jobs
        state.selectedJob = 1
        let selected = state.jobs[1].id
        let recovered = (0..<2).map { index in
            RecoveredJob(journalID: Int64(20 + index), provider: .aiClient, model: "dalle2_text2img", prompt: "p", thread: "t",
                         entry: "e", unrecoverable: nil)
        }
        _ = Reducer.reduce(&state, .jobsRecovered(recovered))
        #expect(state.jobs[state.selectedJob].id == selected)
    }

    @Test("the kept composer comes back into an untouched composer, never over text typed since")
    func draft() {
        var state = Scenes.fresh()
        #expect(Reducer.draftToKeep(state) == nil, "an empty composer is nothing to keep")
        let kept = GenerationRequest(
            provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a kept fox"), PromptPart("blurry", weight: -1)],
            settings: [.size: .text("512x512")])
        _ = Reducer.reduce(&state, .draftRestored(kept))
        #expect(state.compose.request == kept)
        #expect(Reducer.draftToKeep(state) == kept)
        var typed = Scenes.fresh()
        Scenes.type(&typed, "new")
        _ = Reducer.reduce(&typed, .draftRestored(kept))
        #expect(typed.compose.currentPart.editor.text == "new")
        // A draft for another provider brings back its words, not its model.
        var other = AppState(context: .sandbox(), width: 80, height: 24, provider: .openAI, model: "dall-e-3")
        _ = Reducer.reduce(&other, .draftRestored(kept))
        #expect(other.compose.provider == .openAI && other.compose.model == "dall-e-3" && other.compose.settings.isEmpty)
        #expect(other.compose.parts.map(\.editor.text) == ["a kept fox", "blurry"])
    }

    // MARK: Quitting

    @Test("the quit dialog says which jobs finish on the server, which lose their reply, and that queued ones are dropped")
    func quitDialog() {
        var state = Self.limited(2)
        state.context.access[.aiClient] = .configured(host: "ai-client.example")
        _ = Self.sendPrompt(&state, "one")
        _ = Self.sendPrompt(&state, "two")
        _ = Self.sendPrompt(&state, "three")
        _ = Self.sendPrompt(&state, "four")
        state.context.access[.openAI] = .sandbox
        state.compose = ComposeState(provider: .openAI, model: "dall-e-3")
        _ = Self.sendPrompt(&state, "five")
        _ = Reducer.reduce(&state, .jobUpdated(1, JobUpdate(state: .waiting(pollCount: 1, nextPoll: .seconds(1)), thread: "t", entry: "e"), at: 101))
        Scenes.press(&state, .alt(.character("2")), .char("q"))
        #expect(state.confirmingQuit)
        let text = ChromeView.quitLines(state, width: 1000).joined(separator: " ")
        #expect(text.contains("1 job running — it finishes on the server and is saved next time Easel starts (or `easel resume`)."))
        #expect(text.contains("1 job waiting for a reply only this session can take — quitting loses it"))
        #expect(text.contains("2 jobs queued, not sent — dropped."))
        #expect(text.contains("1 job on the built-in sandbox, which stops with Easel — lost."))
        #expect(text.hasSuffix("Quit? y/n"))
        let outlook = QuitOutlook(state)
        #expect([outlook.collectable, outlook.oneShot, outlook.onSandbox, outlook.queued] == [1, 1, 1, 2])
        #expect(outlook.farewell == "1 job is still being made on the server: `easel resume` (or the next start of the studio) saves it")
        let screen = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(screen.contains("saved next time") && screen.contains("2 jobs queued, not sent — dropped."))
        #expect(Scenes.press(&state, .char("y")) == [.quit])
    }
}
