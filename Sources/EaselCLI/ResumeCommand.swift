import ArgumentParser
import EaselCore
import EaselStore
import Foundation
import Logging

/// `easel resume`: finishes the jobs an earlier Easel left unfinished (killed, crashed, the
/// machine went down) — the command-line twin of the studio's recovery at start. Jobs that can be
/// picked up are waited for by polling, never sent again: an ai-client request entry that was
/// posted, and an Ace Data Cloud task, found by the trace id journalled before its request was
/// sent. The rest are recorded as outcome unknown.
struct ResumeCommand: AsyncParsableCommand, JSONReporting {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish jobs an earlier Easel left unfinished, without sending anything again.",
        discussion: """
            Only jobs whose process has ended are taken; a job another running Easel owns is left \
            to it. A job is polled only at the base URL it was sent to: when that is not the one \
            configured now, it is left alone (pass --base-url to name it).

            Exit codes: 0 every job found was resumed (or there were none); otherwise the code \
            of the first job that failed, as for `easel generate`.
            """)

    @Option(name: .customLong("base-url"), help: "The base URL the jobs were sent to (overrides the environment and config).")
    var baseURL: String?

    @Option(help: "Directory to save images in (default: Easel's data directory).")
    var out: String?

    @Flag(help: "Print one JSON object per resumed job on stdout.")
    var json = false

    func run() async throws {
        let setup = try CommandSetup.load()
        let errors = StandardError()
        let store: HistoryStore
        do {
            store = try HistoryStore.open(at: setup.paths.historyFile)
        } catch {
            throw CLIFailure(message: "\(error)", code: .failure)
        }
        let orphans: [JournalJob]
        do {
            try store.discardRepliesOfEndedJobs()
            orphans = try store.orphanedJobs()
        } catch {
            throw CLIFailure(message: "\(error)", code: .failure)
        }
        guard !orphans.isEmpty else {
            errors.line("easel: no unfinished jobs from an earlier session")
            return
        }
        let directory = (out ?? setup.config.outDirectory).map { UserPath.url($0) }
            ?? setup.paths.images
        var plans: [ResumePlan] = []
        var endedUnknown = 0
        for job in orphans {
            switch ResumePlan.make(job, config: setup.config, baseURL: baseURL) {
            case .leave(let why):
                errors.line("easel: job \(job.id) left alone: \(why)")
            case .end(let reason):
                if (try? store.claimJob(job.id, from: try? store.owner(ofJob: job.id))) == true {
                    let why = RecoveryPolicy.endUnresumed(job, why: reason, images: ImageStore(directory: directory))
                    try? store.finishJob(job.id, state: .outcomeUnknown, error: why)
                    errors.line("easel: job \(job.id): outcome unknown: \(why)")
                    endedUnknown += 1
                }
            case .resume(let plan):
                if (try? store.claimJob(job.id, from: try? store.owner(ofJob: job.id))) == true { plans.append(plan) }
            }
        }
        let stack = ClientStack(config: setup.config, paths: setup.paths)
        let redactor = stack.redactor
        // A late callback for a resumed Ace task may still reach a configured receiver.
        let awaitsTasks = plans.contains { if case .aceTask = $0.awaited { true } else { false } }
        let aceTasks: AceTaskHub?
        do {
            aceTasks = awaitsTasks ? try await stack.aceTasks(asynchronous: true) : nil
        } catch {
            await stack.shutdown()
            throw error
        }
        ImageStore(directory: directory).removeAbandonedTemporaryFiles()
        let runner = stack.runner(savingInto: directory, aceTasks: aceTasks)
        errors.line("easel: found \(Counted.phrase(orphans.count, "unfinished job")); resuming \(plans.count) (polling, not sent again)")
        let outcomes = await withTaskGroup(of: (ResumePlan, Result<GenerationResult, GenerationError>).self) { group in
            for plan in plans {
                group.addTask { (plan, await plan.run(runner: runner, store: store, errors: errors)) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        await stack.shutdown(aceTasks)
        var failure: GenerationError?
        for (plan, outcome) in outcomes.sorted(by: { $0.0.job.id < $1.0.job.id }) {
            switch outcome {
            case .success(let result):
                if json {
                    print(GenerationPlan.json(result))
                } else {
                    result.images.forEach { print($0.path) }
                }
            case .failure(let error):
                errors.line("easel: job \(plan.job.id): " + redactor.redact(error.description))
                failure = failure ?? error
            }
        }
        if let failure { throw CLIFailure(message: "not every job could be resumed", code: failure.exitCode) }
        if endedUnknown > 0 {
            // As the help says: 0 only when every job found was resumed.
            throw CLIFailure(message: "\(Counted.phrase(endedUnknown, "job")) could not be resumed: outcome unknown", code: .outcomeUnknown)
        }
    }
}
