import EaselCore
import Foundation

extension GenerationRunner {
    /// Waits for a recovered job's result as `wait` says — never sending the job again — and
    /// saves its images. `endpoint` is the server the journal says it went to (unused for a
    /// journalled reply); `store` tells which ai-client entries other jobs already stand for.
    public func recover(
        _ job: JournalJob, request: ResolvedRequest, wait: RecoveryWait, endpoint: ProviderEndpoint, store: HistoryStore,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let result = try await awaitRecovered(job, request: request, wait: wait, endpoint: endpoint, store: store, progress: progress)
        // An edit's lineage comes from the journal, as `runEdit` gives it to an uninterrupted job.
        return job.edit?.applied(to: result) ?? result
    }

    private func awaitRecovered(
        _ job: JournalJob, request: ResolvedRequest, wait: RecoveryWait, endpoint: ProviderEndpoint, store: HistoryStore,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        // The journalled stem: what a killed run left under it goes, and the images are saved
        // under the same names again.
        let stem = job.stem ?? ImageStore.newStem()
        if job.stem != nil { self.store.clearLeftovers(ofStem: stem, keepingImages: false) }
        switch wait {
        case .aiClientEntry(let thread, let entry):
            return try await resumeAIClient(request, endpoint: endpoint, thread: thread, entry: entry, stem: stem, progress: progress)
        case .aiClientLookup(let thread):
            let claimed = (try? store.journalledEntries(thread: thread)) ?? []
            guard let entry = try await findPostedEntry(request, endpoint: endpoint, thread: thread, since: job.created, excluding: claimed)
            else {
                throw .network(
                    "Easel stopped while posting the request to thread \(thread), and the thread holds no such request: "
                        + "it was not made, and it was not sent again")
            }
            progress(JobUpdate(state: .waiting(pollCount: 0, nextPoll: .zero), thread: thread, entry: entry))
            return try await resumeAIClient(request, endpoint: endpoint, thread: thread, entry: entry, stem: stem, progress: progress)
        case .aceTask(let task):
            return try await resumeAceData(request, endpoint: endpoint, task: task, stem: stem, progress: progress)
        case .sdcppJob(let task):
            return try await resumeSDCpp(request, endpoint: endpoint, task: task, stem: stem, progress: progress)
        case .a1111Task(let task):
            return try await awaitA1111(request, endpoint: endpoint, task: task, progress: progress)
        case .comfyPrompt(let task):
            return try await resumeComfyUI(request, endpoint: endpoint, task: task, stem: stem, progress: progress)
        case .reply(let reply):
            return try await resumeReply(request, reply: reply, task: job.task, stem: stem, progress: progress)
        }
    }
}
