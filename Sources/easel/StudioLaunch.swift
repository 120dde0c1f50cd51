import EaselCore
import EaselGraphics
import EaselImage
import EaselSandbox
import EaselStore
import EaselStudio
import EaselTerminal
import EaselUI
import Foundation
import Logging

/// The studio's running parts: the HTTP transport, the job launcher, and the sandbox (started
/// in the background, so the first frame does not wait for it; jobs do).
final class StudioLaunch: Sendable {
    private let config: EaselConfig
    private let useSandbox: Bool
    private let transport = AsyncHTTPTransport()
    private let sandboxTask: Task<SandboxServer, any Error>?
    private let sandboxToken = UUID().uuidString
    let launcher: JobLauncher
    let clock = StudioClock()
    /// The history, opened in the background so the first frame does not wait for it.
    let history: Task<Result<HistoryStore, StoreError>, Never>
    /// Runs the history browser's queries.
    let historyLoader: HistoryLoader
    /// Keeps the unsent composer and past job durations across sessions.
    let memory: StudioMemory
    /// Fetches images only the server has, for the history's pictures.
    let remoteFetch: PictureMaker.Fetch
    let remoteCache: URL
    /// Where the mask editor saves masks (the data directory's `masks/`).
    let masksDirectory: URL

    init(config: EaselConfig, paths: EaselPaths, useSandbox: Bool, environment: [String: String], redactor: SecretRedactor) {
        self.config = config
        self.useSandbox = useSandbox
        let token = sandboxToken
        let delay = Double(environment["EASEL_SANDBOX_DELAY"] ?? "") ?? 1.5
        sandboxTask = useSandbox ? Task { try await SandboxServer.start(SandboxOptions(delay: delay, token: token)) } : nil
        let sender = RequestSender(
            transport: transport, redactor: SecretRedactor(secrets: config.secrets + [token]), logger: Logger(label: "easel.http"))
        remoteFetch = RemoteImageFetch.make(sender: sender)
        remoteCache = paths.remoteImageCache
        masksDirectory = paths.masks
        let directory = config.outDirectory.map { UserPath.url($0) } ?? paths.images
        // What a killed Easel left half-downloaded goes, off the first frame's path.
        Task.detached(priority: .background) { ImageStore(directory: directory).removeAbandonedTemporaryFiles() }
        let schedule = PollSchedule(maxInterval: config.pollMaxInterval ?? 5)
        // Ace's task mode when the config asks for it; the studio polls (no callback receiver yet).
        let aceSettings = config.providers[.aceData]?.tasks ?? TaskModeSettings()
        var runner = GenerationRunner(
            sender: sender, store: ImageStore(directory: directory),
            hub: ThreadPollHub(sender: sender, schedule: schedule),
            aceTasks: AceTaskHub(
                sender: sender, asynchronous: aceSettings.asynchronous, pollRate: aceSettings.pollRate ?? 5, schedule: schedule))
        runner.streamDeadlines = config.streamDeadlines
        runner.comfyUI.mappings = config.providers[.comfyUI]?.comfyUIWorkflows ?? [:]
        let sandboxTask = sandboxTask
        let historyFile = paths.historyFile
        let history = Task.detached { () -> Result<HistoryStore, StoreError> in
            do {
                return .success(try HistoryStore.open(at: historyFile))
            } catch let error as StoreError {
                return .failure(error)
            } catch {
                return .failure(.database(String(describing: error)))
            }
        }
        self.history = history
        let opened = Task { try? await history.value.get() }
        let endpoint: JobLauncher.EndpointSource = { provider throws(GenerationError) in
            if let sandboxTask {
                let server: SandboxServer
                do {
                    server = try await sandboxTask.value
                } catch {
                    throw .configuration("cannot start the sandbox: \(error)")
                }
                guard let base = server.baseURL(for: provider) else { throw .configuration("the sandbox does not speak \(provider)") }
                return ProviderEndpoint(provider: provider, baseURL: base, credential: server.credential(for: provider))
            }
            guard let entry = Catalog.bundled.provider(provider) else { throw .configuration("\(provider) is not a known provider") }
            return try config.endpoint(for: entry)
        }
        launcher = JobLauncher(
            runner: runner, clock: clock, opening: opened, inputs: paths.data.appendingPathComponent("inputs"), endpoint: endpoint)
        memory = StudioMemory(opening: opened)
        historyLoader = HistoryLoader(
            opening: opened,
            importer: { guid in
                guard let store = await opened.value else { return "the history is unavailable this session" }
                guard let target = try? await endpoint(.aiClient), let token = target.credential?.secret else {
                    return "no ai-client endpoint: set AICLIENT_TOKEN"
                }
                return await ThreadSync(store: store, sender: sender, baseURL: target.baseURL, token: token).importThread(guid)
            },
            syncer: { progress in
                guard let store = await opened.value else { return StatusMessage("the history is unavailable this session", kind: .error) }
                guard let target = try? await endpoint(.aiClient), let token = target.credential?.secret else {
                    return StatusMessage("syncing needs an ai-client endpoint: set AICLIENT_TOKEN", kind: .error)
                }
                let sync = ThreadSync(store: store, sender: sender, baseURL: target.baseURL, token: token)
                let report = await sync.sync { progress($0.done, $0.total) }
                return Self.summary(of: report)
            })
    }

    /// One line on how a sync from the browser went.
    static func summary(of report: ThreadSync.Report) -> StatusMessage {
        let deleted = report.deletedHere > 0 ? ", \(report.deletedHere) deleted here, skipped" : ""
        var text = "synced \(Counted.phrase(report.fetched, "thread")) (\(report.discovered) new, \(report.unchanged) unchanged\(deleted))"
            + " with \(Counted.phrase(report.requests, "request"))"
        if !report.listAvailable { text += "; the server has no thread list, so only known threads were refreshed" }
        guard let first = report.failures.first else { return StatusMessage(text, kind: .success) }
        return StatusMessage(text + "; \(report.failures.count) failed: " + TerminalText.oneLine(first, limit: 200), kind: .error)
    }

    /// How the studio reaches each catalog provider.
    func context(implicitSandbox: Bool, bell: Bool) -> StudioContext {
        var access: [ProviderID: ProviderAccess] = [:]
        for provider in Catalog.bundled.providers {
            if useSandbox {
                access[provider.id] = .sandbox
            } else if let variable = config.missingVariable(provider.id) {
                access[provider.id] = .missingKey(variable: variable)
            } else {
                let base = config.providers[provider.id]?.baseURL ?? provider.defaultBaseURL
                access[provider.id] = .configured(host: URLComponents(string: base)?.host?.lowercased())
            }
        }
        var context = StudioContext(catalog: .bundled, access: access, implicitSandbox: implicitSandbox, bell: bell)
        context.limits = JobLimits(config: config)
        return context
    }

    /// Opens the terminal and runs the studio on a thread of its own until the user quits;
    /// returns the final state, or why the terminal could not be used.
    /// `graphics` is `--graphics`: `auto` shows pictures as kitty placeholders where the
    /// terminal answers kitty's graphics query, `kitty` forces them, anything else draws symbols.
    func runStudio(
        state: AppState, theme: Theme, environment: [String: String], graphics: GraphicsMode = .auto
    ) async -> Result<AppState, TerminalError> {
        let launcher = launcher
        let historyLoader = historyLoader
        let remoteFetch = remoteFetch
        let remoteCache = remoteCache
        let masksDirectory = masksDirectory
        let clock = clock
        let memory = memory
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                // Asked before curses takes the terminal, and only where kitty graphics are
                // plausible (forced, or the environment names kitty or Ghostty): a terminal
                // that answers nothing would hold every start up for the whole timeout.
                let hints = GraphicsEnvironment(environment)
                let probe: GraphicsProbe.Outcome? =
                    state.context.pictures && (graphics == .kitty || (graphics == .auto && hints.kitty))
                    ? GraphicsProbe.run(input: STDIN_FILENO, output: STDOUT_FILENO, environment: environment, timeout: .milliseconds(500))
                    : nil
                let terminal: Terminal
                switch Result(catching: { () throws(TerminalError) -> Terminal in
                    try Terminal.open(theme: theme, environment: environment)
                }) {
                case .success(let opened): terminal = opened
                case .failure(let error):
                    continuation.resume(returning: .failure(error))
                    return
                }
                var state = state
                state.context.maskTint = theme.color(for: .accent)
                // Half-blocks without colour show nothing: pictures need at least 8 colours.
                state.context.pictures = state.context.pictures && terminal.colorMode != .none
                // The kernel knows the cell's pixel size when the terminal tells it (many do);
                // otherwise cells are taken as twice as tall as wide.
                let cell = probe?.capabilities.cellSize ?? GraphicsProbe.windowSize(of: STDOUT_FILENO)?.cellSize()
                var choice = StudioPixelChoice.symbols
                if let probe, state.context.pictures {
                    let colors256 = terminal.colorMode == .palette256 || terminal.colorMode == .direct
                    let passthrough = probe.capabilities.inTmux ? TmuxPassthroughSetting.query(environment: environment) : nil
                    choice = StudioPixelChoice.decide(
                        mode: graphics, capabilities: probe.capabilities, hints: hints, colors256: colors256, passthrough: passthrough)
                }
                if let notice = choice.notice {
                    let text = state.message.map { $0.text + "; " + notice } ?? notice
                    state.message = StatusMessage(text, kind: .warning)
                }
                let geometry = cell.map { CellGeometry(width: $0.width, height: $0.height) } ?? .assumed
                let symbols = Terminal.symbols(
                    for: self.config.symbols, drawsLegacySymbols: GraphicsEnvironment(environment).drawsLegacySymbols)
                let maker = PictureMaker(
                    background: theme.color(for: .background),
                    cell: geometry, symbols: symbols, fetch: remoteFetch, cacheDirectory: remoteCache,
                    pixelCell: choice.kitty ? geometry : nil)
                let previews = PreviewLoader { maker.make($0) }
                let studio = Studio(
                    state: state, screen: terminal, launcher: launcher, history: historyLoader, previews: previews, clock: clock,
                    memory: memory, masks: MaskWriter(directory: masksDirectory),
                    pixels: choice.kitty ? KittyPictures(tmux: choice.tmux, keptOffscreen: Self.keptOffscreen(environment)) : nil)
                let history = self.history
                let inbox = studio.inbox
                Task {
                    if case .failure(let error) = await history.value {
                        inbox.post(.noticed(StatusMessage("\(error); jobs are not journalled this session", kind: .warning)))
                    }
                }
                studio.run()
                terminal.shutdown()
                continuation.resume(returning: .success(studio.state))
            }
            thread.name = "easel.studio"
            thread.start()
        }
    }

    /// How many pictures kitty keeps after they leave the screen: 8, or `EASEL_KITTY_KEEP`
    /// (0…64; the end-to-end tests use it to see deletions without scrolling through eight).
    static func keptOffscreen(_ environment: [String: String]) -> Int {
        Int(environment["EASEL_KITTY_KEEP"] ?? "").map { min(64, max(0, $0)) } ?? 8
    }

    /// Stops jobs (leaving them unfinished in the journal), the transport and the sandbox.
    func close() async {
        launcher.leaveAll()
        await transport.shutdown()
        if let sandboxTask, let server = try? await sandboxTask.value {
            await server.stop()
        }
    }
}
