/// How a sandbox behaves: where it listens, how long generations take, which token it accepts.
public struct SandboxOptions: Sendable, Hashable {
    /// 0 lets the system pick a free port.
    public var port: Int
    /// Seconds from a request entry's creation until its response is ready; also how long an
    /// OpenAI-style request takes to answer.
    public var delay: Double
    /// When set, only this bearer token (or `api-key`) is accepted; otherwise any non-empty one.
    public var token: String?

    public init(port: Int = 0, delay: Double = 2, token: String? = nil) {
        self.port = port
        self.delay = delay
        self.token = token
    }
}
