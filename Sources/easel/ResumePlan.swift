import EaselCore
import EaselStore
import Foundation

/// How `easel resume` picks up one journalled job: what to wait for (an ai-client response
/// entry, an Ace task) and where, or the journalled reply whose images are left to save — or
/// why it cannot.
struct ResumePlan: Sendable {
    /// What to do with a job found unfinished.
    enum Decision {
        /// Resume it.
        case resume(ResumePlan)
        /// End it as outcome unknown: nothing can be waited for.
        case end(String)
        /// Leave it unclaimed: another configuration could still resume it.
        case leave(String)
    }

    /// What the job waits for.
    enum Awaited: Sendable {
        case aiClientEntry(thread: String, entry: String)
        /// Killed while posting the request entry: look for it in the thread first.
        case aiClientLookup(thread: String)
        case aceTask(RemoteTask)
        /// An sd-server job, polled by the id the journal kept.
        case sdcppJob(RemoteTask)
        /// An A1111 job (its `force_task_id`): followed while the server runs it, then outcome unknown.
        case a1111Task(RemoteTask)
        /// A ComfyUI prompt, found by the id journalled before it was queued.
        case comfyPrompt(RemoteTask)
        /// The server's reply is journalled: only its images are left to save.
        case reply(JSONValue)
    }

    let job: JournalJob
    let request: ResolvedRequest
    let endpoint: ProviderEndpoint
    let awaited: Awaited

    /// Decides for `job`; `baseURL` is the command's `--base-url`.
    static func make(_ job: JournalJob, config: EaselConfig, baseURL: String?) -> Decision {
        let gone = "Easel stopped before this job's outcome was known"
        if job.held {
            // Never sent: the studio that queued it sends it when it starts again.
            return .leave("it waits in the studio's queue for \(job.provider) and was never sent; start the studio (easel) to send it")
        }
        guard let provider = Catalog.bundled.provider(job.provider) else {
            return .end("\(gone), and its provider \(job.provider) is no longer known")
        }
        if let reply = job.reply {
            // Saving needs no key and no request to the provider: the images are in the reply.
            guard let request = job.request, let resolved = try? Catalog.bundled.resolve(request).get() else {
                return .end("the server's reply was kept, but the job's request can no longer be read")
            }
            return .resume(ResumePlan(
                job: job, request: resolved, endpoint: ProviderEndpoint(provider: job.provider, baseURL: job.baseURL, credential: nil),
                awaited: .reply(reply)))
        }
        let awaited: Awaited
        if provider.wire == .aiClientThreads {
            guard let thread = job.threadGuid else {
                return .end("\(gone), while it was being sent; it may or may not have been made, and it was not sent again")
            }
            awaited = job.entryGuid.map { .aiClientEntry(thread: thread, entry: $0) } ?? .aiClientLookup(thread: thread)
        } else if provider.wire == .aceDataImages {
            guard let task = job.task else {
                return .end("\(gone); it was sent in one request (not as a task), which may or may not have made it, and it was not sent again")
            }
            awaited = .aceTask(task)
        } else if provider.wire == .sdcpp {
            guard let task = job.task, task.taskID != nil else {
                return .end("\(gone), before sd-server named the job's id; it may or may not have been made, and it was not sent again")
            }
            awaited = .sdcppJob(task)
        } else if provider.wire == .a1111, let task = job.task {
            // Never POSTed again: the server is asked only whether it still runs the job.
            awaited = .a1111Task(task)
        } else if provider.wire == .comfyUI {
            guard let task = job.task else {
                return .end("\(gone), before its workflow was queued; it was not sent")
            }
            awaited = .comfyPrompt(task)
        } else {
            return .end("\(gone); it was sent in one request, which may or may not have made it, and it was not sent again")
        }
        guard let request = job.request, let resolved = try? Catalog.bundled.resolve(request).get() else {
            return .end("\(gone), and its request can no longer be read")
        }
        let settings = config.providers[job.provider]
        // A job sent to one server of a pool is asked about on that server only.
        let pool = baseURL == nil && settings?.baseURL == nil ? settings?.urls ?? [] : []
        let base = pool.contains(job.baseURL) ? job.baseURL : baseURL ?? settings?.baseURL ?? pool.first ?? provider.defaultBaseURL
        guard base == job.baseURL else {
            return .leave("it was sent to \(job.baseURL), not \(base); run easel resume --base-url \(job.baseURL)")
        }
        let credential = settings?.credential
        if credential == nil, provider.profile.keyRequired {
            return .leave("no key for \(job.provider): set \(EaselConfig.keyVariable(for: job.provider) ?? "its key")")
        }
        return .resume(ResumePlan(
            job: job, request: resolved, endpoint: ProviderEndpoint(provider: job.provider, baseURL: base, credential: credential),
            awaited: awaited))
    }

    /// Waits for the job's result, saves its images and records the outcome in the journal.
    func run(runner: GenerationRunner, store: HistoryStore, errors: StandardError) async -> Result<GenerationResult, GenerationError> {
        let recorder = JobRecorder(store: store, resuming: job)
        let progress = ProgressLine(errors: errors, label: "job \(job.id) \(job.provider)/\(job.model)")
        let report: @Sendable (JobUpdate) -> Void = { update in
            recorder.record(update)
            progress.show(update)
        }
        let outcome: Result<GenerationResult, GenerationError>
        do throws(GenerationError) {
            switch awaited {
            case .aiClientEntry(let thread, let entry):
                outcome = .success(try await runner.resumeAIClient(
                    request, endpoint: endpoint, thread: thread, entry: entry, stem: ImageStore.newStem(), progress: report))
            case .aiClientLookup(let thread):
                let claimed = (try? store.journalledEntries(thread: thread)) ?? []
                guard let entry = try await runner.findPostedEntry(
                    request, endpoint: endpoint, thread: thread, since: job.created, excluding: claimed)
                else {
                    throw GenerationError.network(
                        "Easel stopped while posting the request to thread \(thread), and the thread holds no such request: "
                            + "it was not made, and it was not sent again")
                }
                report(JobUpdate(state: .waiting(pollCount: 0, nextPoll: .zero), thread: thread, entry: entry))
                outcome = .success(try await runner.resumeAIClient(
                    request, endpoint: endpoint, thread: thread, entry: entry, stem: ImageStore.newStem(), progress: report))
            case .aceTask(let task):
                outcome = .success(try await runner.resumeAceData(
                    request, endpoint: endpoint, task: task, stem: ImageStore.newStem(), progress: report))
            case .sdcppJob(let task):
                outcome = .success(try await runner.resumeSDCpp(
                    request, endpoint: endpoint, task: task, stem: ImageStore.newStem(), progress: report))
            case .a1111Task(let task):
                outcome = .success(try await runner.awaitA1111(request, endpoint: endpoint, task: task, progress: report))
            case .comfyPrompt(let task):
                outcome = .success(try await runner.resumeComfyUI(
                    request, endpoint: endpoint, task: task, stem: ImageStore.newStem(), progress: report))
            case .reply(let reply):
                outcome = .success(try await runner.resumeReply(
                    request, reply: reply, task: job.task, stem: ImageStore.newStem(), progress: report))
            }
        } catch {
            outcome = .failure(error)
        }
        let title = TerminalText.oneLine(job.request?.positiveParts.first?.text ?? job.model, limit: 80)
        if let problem = recorder.finish(outcome, localThread: { try? store.localThread(provider: job.provider, title: title, model: job.model) }) {
            errors.line("easel: warning: could not record job \(job.id) in the history: \(problem)")
        }
        progress.finish()
        return outcome
    }
}
