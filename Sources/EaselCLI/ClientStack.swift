import EaselCore
import Foundation
import Logging

/// The client side of every command that talks to servers, built one way from the
/// configuration: the redactor that keeps secrets out of logs and messages, the log file, the
/// HTTP transport, the sender (retries and their limits), the poll schedule, and the runners
/// built on them. `generate`, `edit`, `vary`, `resume`, `threads`, `history` and the studio ask
/// it for what they need and shut it down when done.
struct ClientStack: Sendable {
    let config: EaselConfig
    let redactor: SecretRedactor
    let sender: RequestSender
    let schedule: PollSchedule
    private let stopTransport: @Sendable () async -> Void

    /// - Parameters:
    ///   - extraSecrets: secrets beyond the config's: a key given for this run, the sandbox's token.
    ///   - deferred: the studio's transport, made after its first frame; else one is made now.
    ///   - logLabel: the logger's label (`easel.http`, `easel.sync`).
    ///   - bootstrapsLog: points the process's log at the log file, redacted; the studio does it
    ///     itself before anything else, and a process can do it only once.
    init(
        config: EaselConfig, paths: EaselPaths, extraSecrets: [String] = [], deferred: DeferredTransport? = nil,
        logLabel: String = "easel.http", bootstrapsLog: Bool = true
    ) {
        self.config = config
        let redactor = SecretRedactor(secrets: config.secrets + extraSecrets)
        self.redactor = redactor
        if bootstrapsLog { FileLogSink(file: paths.logFile, redactor: redactor).bootstrap() }
        let transport: any HTTPTransport
        if let deferred {
            transport = deferred
            stopTransport = { await deferred.shutdown() }
        } else {
            let made = AsyncHTTPTransport()
            transport = made
            stopTransport = { await made.shutdown() }
        }
        sender = RequestSender(transport: transport, redactor: redactor, logger: Logger(label: logLabel))
        schedule = PollSchedule(maxInterval: config.pollMaxInterval ?? 5)
    }

    /// A runner saving into `directory`, with the config's stream deadlines and ComfyUI workflow
    /// mappings; Ace Data Cloud's tasks go through `aceTasks` (else a hub that only polls).
    func runner(savingInto directory: URL, aceTasks: AceTaskHub? = nil) -> GenerationRunner {
        var runner = GenerationRunner(
            sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender, schedule: schedule),
            aceTasks: aceTasks ?? AceTaskHub(sender: sender))
        runner.streamDeadlines = config.streamDeadlines
        runner.comfyUI.mappings = config.providers[.comfyUI]?.comfyUIWorkflows ?? [:]
        return runner
    }

    /// Ace's hub for a command: the task mode when `asynchronous` (`--async`) or the config asks
    /// for it, with the callback receiver when one is configured.
    func aceTasks(asynchronous: Bool) async throws -> AceTaskHub {
        try await AceTaskSetup.hub(config: config, asynchronous: asynchronous, sender: sender, schedule: schedule)
    }

    /// Ace's hub as the config sets it, polling only (the studio has no callback receiver).
    func pollingAceTasks() -> AceTaskHub {
        let settings = config.providers[.aceData]?.tasks ?? TaskModeSettings()
        return AceTaskHub(sender: sender, asynchronous: settings.asynchronous, pollRate: settings.pollRate ?? 5, schedule: schedule)
    }

    /// Stops `aceTasks`' callback receiver, if it has one, and the transport.
    func shutdown(_ aceTasks: AceTaskHub? = nil) async {
        await aceTasks?.receiver?.stop()
        await stopTransport()
    }
}
