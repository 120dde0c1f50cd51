import EaselCore

/// The one rule for a journalled job found unfinished after a restart, used by the studio and
/// by `easel resume`: from the journal row alone, what can be waited for without sending the
/// job again — or why nothing can. Where the server is and which key to use are the caller's
/// (the studio's session, `resume`'s configuration and flags).
public enum RecoveryPolicy {
    /// What to do with one row.
    public enum Decision: Sendable {
        /// Wait for `wait` and save the images, for `request` as it was sent.
        case resume(ResolvedRequest, RecoveryWait)
        /// A job held in a local backend's queue, never sent: queue it again.
        case requeue(ResolvedRequest)
        /// Nothing can be waited for: end it (as outcome unknown, or failed for a held job).
        case end(String)
    }

    /// The decision for `job`.
    public static func decide(_ job: JournalJob) -> Decision {
        let gone = "Easel stopped before this job's outcome was known"
        var resolved = job.request.flatMap { try? Catalog.bundled.resolve($0).get() }
        // The journal keeps the request, not its operation: an edit's or a variation's settings
        // (denoise, mask_blur) or a variation without a prompt read only as that operation.
        if resolved == nil, !job.held, let request = job.request {
            resolved = [ImageOperation.edit, .variation].lazy.compactMap { try? Catalog.bundled.resolve(request, operation: $0).get() }.first
        }
        if job.held {
            guard let resolved else { return .end("it waited in the queue and was never sent, but its request can no longer be read") }
            return .requeue(resolved)
        }
        guard let provider = Catalog.bundled.provider(job.provider) else {
            return .end("\(gone), and its provider \(job.provider) is no longer known")
        }
        if let reply = job.reply {
            guard let resolved else { return .end("the server's reply was kept, but the job's request can no longer be read") }
            return .resume(resolved, .reply(reply))
        }
        let wait: RecoveryWait
        switch provider.wire {
        case .aiClientThreads:
            guard let thread = job.threadGuid else {
                return .end("\(gone), while it was being sent; it may or may not have been made, and it was not sent again")
            }
            wait = job.entryGuid.map { .aiClientEntry(thread: thread, entry: $0) } ?? .aiClientLookup(thread: thread)
        case .aceDataImages:
            guard let task = job.task else {
                return .end("\(gone); it was sent in one request (not as a task), which may or may not have made it, and it was not sent again")
            }
            wait = .aceTask(task)
        case .sdcpp:
            guard let task = job.task, task.taskID != nil else {
                return .end("\(gone), before sd-server named the job's id; it may or may not have been made, and it was not sent again")
            }
            wait = .sdcppJob(task)
        case .a1111:
            guard let task = job.task else {
                return .end("\(gone); it was sent in one request, which may or may not have made it, and it was not sent again")
            }
            // Never POSTed again: the server is asked only whether it still runs the job.
            wait = .a1111Task(task)
        case .comfyUI:
            guard let task = job.task else { return .end("\(gone), before its workflow was queued; it was not sent") }
            wait = .comfyPrompt(task)
        case .openAIImages:
            return .end("\(gone); it was sent in one request, which may or may not have made it, and it was not sent again")
        }
        guard let resolved else { return .end("\(gone), and its request can no longer be read") }
        return .resume(resolved, wait)
    }
}
