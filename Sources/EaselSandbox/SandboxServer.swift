import EaselCore
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging

/// A local server that speaks the ai-client threads API and OpenAI's image generation, and
/// paints images procedurally — so Easel runs with no key and no network, and tests use real HTTP.
public final class SandboxServer: Sendable {
    public let port: Int
    public let options: SandboxOptions
    /// What the sandbox holds and counts; tests inspect it.
    public let state: SandboxState
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:PORT`.
    public var origin: String { "http://127.0.0.1:\(port)" }
    /// The base URL to give an ai-client client (`AICLIENT_BASE_URL`).
    public var aiClientBaseURL: String { origin + "/api/v1" }
    /// The base URL to give an OpenAI client (`OPENAI_BASE_URL`).
    public var openAIBaseURL: String { origin + "/v1" }
    /// The base URL to give an Ace Data Cloud client (`ACEDATA_BASE_URL`).
    public var aceDataBaseURL: String { origin }

    private init(port: Int, options: SandboxOptions, state: SandboxState, task: Task<Void, any Error>) {
        self.port = port
        self.options = options
        self.state = state
        self.task = task
    }

    /// Starts listening on 127.0.0.1 and returns once the port is bound.
    public static func start(_ options: SandboxOptions = SandboxOptions()) async throws -> SandboxServer {
        let state = SandboxState()
        let router = Router(context: SandboxRequestContext.self)
        if let plan = options.faults {
            router.add(middleware: FaultMiddleware(plan: plan, seed: options.faultSeed, stats: state.stats))
        }
        if let seed = options.hostileSeed {
            router.add(middleware: HostileMiddleware(seed: seed))
            await state.comfyUI.makeHostile(seed: seed)
        }
        if options.latency > 0 {
            router.add(middleware: LatencyMiddleware(delay: .milliseconds(Int(options.latency * 1000))))
        }
        let auth = SandboxAuth(token: options.token)
        AIClientRoutes(state: state, auth: auth, delay: options.delay, threadList: options.threadList).register(on: router)
        OpenAIRoutes(state: state, auth: auth, delay: options.delay, streamInterval: options.streamInterval).register(on: router)
        AzureRoutes(state: state, auth: auth, delay: options.delay, deployments: options.azureDeployments).register(on: router)
        AIMLAPIRoutes(state: state, auth: auth, delay: options.delay).register(on: router)
        AceDataRoutes(state: state, auth: auth, delay: options.delay).register(on: router)
        CompatibleRoutes(state: state, auth: auth, delay: options.delay).register(on: router)
        SDCppRoutes(state: state, auth: auth, delay: options.delay).register(on: router)
        A1111Routes(state: state, auth: auth, delay: options.delay, polls: options.a1111Polls).register(on: router)
        ComfyUIRoutes(state: state, delay: options.delay).register(on: router)
        // WebSocket upgrades have a router of their own; every other request goes to `router`.
        let sockets = Router(context: BasicWebSocketRequestContext.self)
        ComfyUISocketRoute(book: state.comfyUI, enabled: options.comfyUIWebSocket).register(on: sockets)
        router.get("/_sandbox/stats") { _, _ in SandboxReply.json(await state.statsJSON()) }
        router.get("/storage/**") { request, _ -> Response in
            await state.record("storage")
            guard let file = await state.file(request.uri.path) else {
                return SandboxReply.laravel(.notFound, "Not Found")
            }
            return Response(
                status: .ok, headers: [.contentType: file.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
        var logger = Logger(label: "easel.sandbox")
        logger.logLevel = .critical
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: sockets),
            configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "easel-sandbox"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger)
        let task = Task {
            defer { portSink.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            try await task.value
            throw SandboxError.notListening
        }
        return SandboxServer(port: port, options: options, state: state, task: task)
    }

    /// Stops listening and waits until the server has shut down.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Runs until the task is cancelled (the `easel sandbox` command).
    public func wait() async throws {
        try await task.value
    }
}

/// Why the sandbox could not start.
public enum SandboxError: Error, Sendable, CustomStringConvertible {
    case notListening

    public var description: String { "the sandbox could not start listening" }
}
