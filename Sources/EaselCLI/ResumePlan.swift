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

    let job: JournalJob
    let request: ResolvedRequest
    let endpoint: ProviderEndpoint
    let awaited: RecoveryWait

    /// Decides for `job`; `baseURL` is the command's `--base-url`.
    static func make(_ job: JournalJob, config: EaselConfig, baseURL: String?) -> Decision {
        let resolved: ResolvedRequest
        let wait: RecoveryWait
        switch RecoveryPolicy.decide(job) {
        case .requeue:
            // Never sent: the studio that queued it sends it when it starts again.
            return .leave("it waits in the studio's queue for \(job.provider) and was never sent; start the studio (easel) to send it")
        case .end(let why):
            return .end(why)
        case .resume(let request, let awaited):
            (resolved, wait) = (request, awaited)
        }
        // A journalled reply needs no server, no key: the images are in it.
        guard wait.asksServer, let provider = Catalog.bundled.provider(job.provider) else {
            return .resume(ResumePlan(
                job: job, request: resolved, endpoint: ProviderEndpoint(provider: job.provider, baseURL: job.baseURL, credential: nil),
                awaited: wait))
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
            awaited: wait))
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
            outcome = .success(try await runner.recover(job, request: request, wait: awaited, endpoint: endpoint, store: store, progress: report))
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
