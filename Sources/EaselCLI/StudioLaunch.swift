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

/// The studio's running parts: the HTTP transport, the job launcher, and the sandbox. The
/// transport, the sandbox and the history start once the first frame is on the screen
/// (`firstFrameDrawn`): started at once they delayed it (NIO's threads are waited for; the
/// rest ran beside it on the same few cores); jobs and history views wait for them.
final class StudioLaunch: Sendable {
    private let config: EaselConfig
    private let useSandbox: Bool
    private let stack: ClientStack
    private let sandboxTask: Task<SandboxServer, any Error>?
    private let sandboxToken = UUID().uuidString
    /// Ends when the first frame has been drawn, or when the studio ends without one.
    private let firstFrame: AsyncStream<Void>.Continuation
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

    init(config: EaselConfig, paths: EaselPaths, useSandbox: Bool, environment: [String: String]) {
        self.config = config
        self.useSandbox = useSandbox
        let token = sandboxToken
        let delay = Double(environment["EASEL_SANDBOX_DELAY"] ?? "") ?? 1.5
        let (drawn, firstFrame) = AsyncStream<Void>.makeStream()
        self.firstFrame = firstFrame
        let firstFrameDrawn = Task { for await _ in drawn {} }
        let transport = DeferredTransport(after: firstFrameDrawn)
        sandboxTask = useSandbox ? Task {
            await firstFrameDrawn.value
            return try await SandboxServer.start(SandboxOptions(delay: delay, token: token))
        } : nil
        // The log was pointed at its file by the studio command, before anything else.
        let stack = ClientStack(config: config, paths: paths, extraSecrets: [token], deferred: transport, bootstrapsLog: false)
        self.stack = stack
        let sender = stack.sender
        remoteFetch = RemoteImageFetch.make(sender: sender)
        remoteCache = paths.remoteImageCache
        masksDirectory = paths.masks
        let directory = config.outDirectory.map { UserPath.url($0) } ?? paths.images
        // What a killed Easel left half-downloaded goes, off the first frame's path.
        Task.detached(priority: .background) {
            await firstFrameDrawn.value
            ImageStore(directory: directory).removeAbandonedTemporaryFiles()
        }
        // Ace's task mode when the config asks for it; the studio polls (no callback receiver yet).
        let runner = stack.runner(savingInto: directory, aceTasks: stack.pollingAceTasks())
        let sandboxTask = sandboxTask
        let historyFile = paths.historyFile
        let history = Task.detached { () -> Result<HistoryStore, StoreError> in
            await firstFrameDrawn.value
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
    ///
    /// `graphics` (from `graphicsSource`) is resolved once the terminal has passed its checks and
    /// before the first frame: `auto` asks it (`StudioGraphics`), so a refused TERM or a pipe
    /// never sees a query.
    func runStudio(
        state: AppState, theme: Theme, keymap: Keymap = .standard, environment: [String: String], graphics: GraphicsMode = .auto,
        graphicsSource: DoctorEvidence.ModeSource = .automatic, opening: TerminalOpening
    ) async -> Result<AppState, TerminalError> {
        let launcher = launcher
        let historyLoader = historyLoader
        let remoteFetch = remoteFetch
        let remoteCache = remoteCache
        let masksDirectory = masksDirectory
        let clock = clock
        let memory = memory
        return await withCheckedContinuation { continuation in
            opening.then { opened in
                let terminal: Terminal
                let probed: GraphicsProbe.Outcome?
                switch opened {
                case .success(let open): (terminal, probed) = open
                case .failure(let error):
                    self.firstFrame.finish()
                    continuation.resume(returning: .failure(error))
                    return
                }
                var state = state
                state.context.maskTint = theme.color(for: .accent)
                let decision = StudioGraphics.decide(
                    mode: graphics, source: graphicsSource, symbols: self.config.symbols, environment: environment, outcome: probed)
                let pixelMode = StudioPixels.choose(
                    decision: decision, forced: graphics != .auto, capabilities: probed?.capabilities, environment: environment)
                state.context.graphics = StudioGraphics.mode(of: decision)
                state.context.graphicsSummary = TerminalText.oneLine(decision.summary, limit: 200)
                // Half-blocks without colour show nothing: pictures need at least 8 colours.
                state.context.pictures = state.context.pictures && decision.renderer != .none && terminal.colorMode != .none
                // The kernel knows the cell's pixel size when the terminal tells it (many do);
                // otherwise cells are taken as twice as tall as wide.
                let cell = probed?.capabilities.cellSize ?? GraphicsProbe.windowSize(of: STDOUT_FILENO)?.cellSize()
                // kitty placeholders when the decision is kitty; inside tmux only with passthrough.
                var choice = StudioPixelChoice.symbols
                var kittyDecided = false
                if case .kitty = decision.renderer { kittyDecided = true }
                if let probed, state.context.pictures, kittyDecided || (graphics == .auto && GraphicsEnvironment(environment).kitty) {
                    let colors256 = terminal.colorMode == .palette256 || terminal.colorMode == .direct
                    let passthrough = probed.capabilities.inTmux ? TmuxQuery.allowsPassthrough(environment: environment) : nil
                    choice = StudioPixelChoice.decide(
                        mode: graphics, capabilities: probed.capabilities, hints: GraphicsEnvironment(environment), colors256: colors256,
                        passthrough: passthrough)
                }
                if let notice = choice.notice {
                    let text = state.message.map { $0.text + "; " + notice } ?? notice
                    state.message = StatusMessage(text, kind: .warning)
                }
                let geometry = cell.map { CellGeometry(width: $0.width, height: $0.height) } ?? .assumed
                // `graphics = "blocks"` keeps to half blocks whatever `symbols` says.
                let symbols = Terminal.symbols(
                    for: state.context.graphics == .blocks ? .fixed(.half) : self.config.symbols,
                    drawsLegacySymbols: GraphicsEnvironment(environment).drawsLegacySymbols)
                let maker = PictureMaker(
                    background: theme.color(for: .background),
                    cell: geometry, symbols: symbols, fetch: remoteFetch, cacheDirectory: remoteCache,
                    pixelCell: choice.kitty ? geometry : nil)
                let previews = PreviewLoader { maker.make($0) }
                terminal.imagesFillTheirCells = pixelMode?.cellKnown ?? true
                let pixels = pixelMode.flatMap { StudioPixels.pictures(renderer: $0.renderer, cell: $0.cell, maker: maker) }
                let studio = Studio(
                    state: state, screen: terminal, launcher: launcher, history: historyLoader, previews: previews, clock: clock, keymap: keymap,
                    memory: memory, masks: MaskWriter(directory: masksDirectory),
                    pixels: state.context.pictures && !choice.kitty ? pixels : nil,
                    placeholders: choice.kitty ? KittyPictures(tmux: choice.tmux, keptOffscreen: Self.keptOffscreen(environment)) : nil)
                let firstFrame = self.firstFrame
                studio.onFrame = { _, _ in
                    firstFrame.finish()
                    studio.onFrame = nil
                }
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
        }
    }

    /// How many pictures kitty keeps after they leave the screen: 8, or `EASEL_KITTY_KEEP`
    /// (0…64; the end-to-end tests use it to see deletions without scrolling through eight).
    static func keptOffscreen(_ environment: [String: String]) -> Int {
        Int(environment["EASEL_KITTY_KEEP"] ?? "").map { min(64, max(0, $0)) } ?? 8
    }

    /// Stops jobs (leaving them unfinished in the journal), the transport and the sandbox.
    func close() async {
        firstFrame.finish()
        launcher.leaveAll()
        await stack.shutdown()
        if let sandboxTask, let server = try? await sandboxTask.value {
            await server.stop()
        }
    }
}
