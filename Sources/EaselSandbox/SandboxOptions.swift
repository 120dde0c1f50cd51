/// How a sandbox behaves: where it listens, how long generations take, which token it accepts.
public struct SandboxOptions: Sendable, Hashable {
    /// 0 lets the system pick a free port.
    public var port: Int
    /// Seconds from a request entry's creation until its response is ready; also how long an
    /// OpenAI-style request takes to answer.
    public var delay: Double
    /// When set, only this bearer token (or `api-key`) is accepted; otherwise any non-empty one.
    public var token: String?
    /// Whether `GET /api/v1/threads` lists the threads (`{"data": [...]}`). The seeds do not
    /// document that route, so clients must cope with both; off, it answers 404 as Laravel does
    /// for a route it does not have.
    public var threadList: Bool
    /// Seconds added before every answer, to stand in for a network's round trip (benchmarks
    /// compare clients as they would fare against a real server, not a local one).
    public var latency: Double
    /// Azure deployments beyond the catalog's model ids (which are always deployed under their own
    /// names): deployment name → model id.
    public var azureDeployments: [String: String]
    /// Seconds between the events of a streamed OpenAI generation (`stream: true`): the partial
    /// images, then the final one, after the usual `delay`.
    public var streamInterval: Double
    /// Progress answers a running AUTOMATIC1111 job waits for (besides `delay`) before it ends,
    /// so a test sees its steps and preview however loaded the machine is; 0 for none. A job
    /// never waits more than a minute past its delay for them.
    public var a1111Polls: Int = 0
    /// Whether ComfyUI's WebSocket upgrade is accepted; off, clients must poll.
    public var comfyUIWebSocket: Bool = true
    /// When set, every reply carries the `HostileCorpus` in its strings (chosen by this seed).
    public var hostileSeed: UInt64?
    /// When set, requests fail as the plan says; also counts POSTs per job tag for soak runs.
    public var faults: FaultPlan?
    /// Seeds the fault plan's draws.
    public var faultSeed: UInt64 = 1

    public init(
        port: Int = 0, delay: Double = 2, token: String? = nil, threadList: Bool = true, latency: Double = 0,
        azureDeployments: [String: String] = [:], streamInterval: Double = 0.05, a1111Polls: Int = 0
    ) {
        self.a1111Polls = a1111Polls
        self.port = port
        self.delay = delay
        self.token = token
        self.threadList = threadList
        self.latency = latency
        self.azureDeployments = azureDeployments
        self.streamInterval = streamInterval
    }
}
