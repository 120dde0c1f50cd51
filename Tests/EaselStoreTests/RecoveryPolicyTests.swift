import EaselCore
import EaselImage
@testable import EaselStore
import Foundation
import Testing

/// The one rule for a job found unfinished after a restart (`easel resume` and the studio both
/// use it): a table of journal rows and what each may wait for without being sent again.
struct RecoveryPolicyTests {
    static func row(
        _ provider: ProviderID, _ model: String, thread: String? = nil, entry: String? = nil, task: RemoteTask? = nil,
        reply: JSONValue? = nil, held: Bool = false, readable: Bool = true
    ) -> JournalJob {
        JournalJob(
            id: 1, provider: provider, model: model,
            request: readable ? GenerationRequest(provider: provider, model: model, parts: [PromptPart("a fox")]) : nil,
            baseURL: "http://127.0.0.1:1", state: .sending, threadGuid: thread, entryGuid: entry, error: nil,
            created: Date(), updated: Date(), finished: nil, task: task, reply: reply, held: held)
    }

    /// What the decision says, in a word, for the table.
    static func verdict(_ decision: RecoveryPolicy.Decision) -> String {
        switch decision {
        case .requeue: "requeue"
        case .end(let why): "end: " + why
        case .resume(_, let wait):
            switch wait {
            case .aiClientEntry: "poll entry"
            case .aiClientLookup: "look up entry"
            case .aceTask: "ace task"
            case .sdcppJob: "sdcpp job"
            case .a1111Task: "follow a1111"
            case .comfyPrompt: "comfy prompt"
            case .reply: "save reply"
            }
        }
    }

    static let task = RemoteTask(traceID: "t-1", taskID: "j-1")

    @Test("each row's decision", arguments: [
        (row(.aiClient, "dalle2_text2img", thread: "th", entry: "en"), "poll entry"),
        (row(.aiClient, "dalle2_text2img", thread: "th"), "look up entry"),
        (row(.aiClient, "dalle2_text2img"), "end: Easel stopped before this job's outcome was known, while it was being sent"),
        (row(.aceData, "dall-e-3", task: task), "ace task"),
        (row(.aceData, "dall-e-3"), "end: Easel stopped before this job's outcome was known; it was sent in one request (not as a task)"),
        (row(.sdcpp, "default", task: task), "sdcpp job"),
        (row(.sdcpp, "default", task: RemoteTask(traceID: "sdcpp-seed-4", taskID: nil)), "end: Easel stopped before this job's outcome was known, before sd-server named"),
        (row(.a1111, "default", task: task), "follow a1111"),
        (row(.a1111, "default"), "end: Easel stopped before this job's outcome was known; it was sent in one request"),
        (row(.comfyUI, "txt2img", task: task), "comfy prompt"),
        (row(.comfyUI, "txt2img"), "end: Easel stopped before this job's outcome was known, before its workflow was queued"),
        (row(.openAI, "dall-e-3"), "end: Easel stopped before this job's outcome was known; it was sent in one request"),
        (row(.openAI, "dall-e-3", reply: .object(["data": .array([])])), "save reply"),
        (row(.openAI, "dall-e-3", reply: .object([:]), readable: false), "end: the server's reply was kept, but the job's request can no longer be read"),
        (row(.a1111, "default", held: true), "requeue"),
        (row(.a1111, "default", held: true, readable: false), "end: it waited in the queue and was never sent"),
        (row(.aiClient, "dalle2_text2img", thread: "th", entry: "en", readable: false), "end: Easel stopped before this job's outcome was known, and its request can no longer be read"),
        (row("midjourney", "v6", thread: "th"), "end: Easel stopped before this job's outcome was known, and its provider midjourney is no longer known"),
    ])
    func decides(job: JournalJob, expected: String) {
        let verdict = Self.verdict(RecoveryPolicy.decide(job))
        #expect(verdict.hasPrefix(expected), "\(job.provider) → \(verdict)")
    }

    @Test("an img2img job is followed like txt2img, read as the operation its journal row names")
    func img2imgJobs() {
        var edit = Self.row(.a1111, "default", task: Self.task)
        edit.request?.settings = [.denoise: .text("0.4"), "mask_blur": .text("8")]
        edit.edit = JournalEdit(operation: .edit, parent: nil, inputs: [], mask: nil)
        var variation = Self.row(.a1111, "default", task: Self.task)
        variation.request?.parts = []
        variation.edit = JournalEdit(operation: .variation, parent: nil, inputs: [], mask: nil)
        for (job, operation) in [(edit, ImageOperation.edit), (variation, .variation)] {
            let decision = RecoveryPolicy.decide(job)
            #expect(Self.verdict(decision) == "follow a1111")
            if case .resume(let request, _) = decision { #expect(request.operation == operation) }
        }
        // Without the row's operation, an edit-only setting does not read as a generation.
        var unnamed = edit
        unnamed.edit = nil
        #expect(Self.verdict(RecoveryPolicy.decide(unnamed)).hasPrefix("end:"))
    }
}
