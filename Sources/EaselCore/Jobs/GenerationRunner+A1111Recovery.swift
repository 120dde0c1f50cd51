import Foundation

extension GenerationRunner {
    /// What is said of an A1111 job whose POST's answer was lost with the process that sent it.
    public static let a1111LostReply =
        "a1111 does not hand back a finished job's images after a restart; they are in the web UI's outputs folder when save_images was on"

    /// Picks up an A1111 job after a restart, without sending it again: while the server's
    /// progress shows the job (by its `force_task_id`, or busy when the server names no task)
    /// it is followed, and then it ends as outcome unknown — the web UI keeps no finished job's
    /// images for the API to fetch.
    public func awaitA1111(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, task: RemoteTask,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let watch = A1111ProgressWatch(
            runner: self, endpoint: endpoint, taskID: task.traceID, stem: "", interval: a1111PollInterval, progress: progress)
        let deadline = ContinuousClock.now + maxWait
        var followed = false
        while ContinuousClock.now < deadline {
            guard let answer = await watch.poll() else { break }
            let running = answer.isRunning(task.traceID) ?? answer.busy
            guard running else { break }
            followed = true
            progress(JobUpdate(state: .generating(answer.progress), task: task))
            do {
                try await sender.sleeper.sleep(for: a1111PollInterval)
            } catch {
                throw .cancelled
            }
        }
        if Task.isCancelled { throw .cancelled }
        let waited = followed ? "the server finished the job after Easel stopped, but " : ""
        throw .outcomeUnknown(waited + Self.a1111LostReply)
    }
}
