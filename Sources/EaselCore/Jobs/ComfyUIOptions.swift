import Foundation

/// How the runner works with ComfyUI: where saved workflows live, how long the WebSocket may
/// take to open, and how often the fallback polls.
public struct ComfyUIOptions: Sendable, Hashable {
    /// `$XDG_CONFIG_HOME/easel/workflows`: API-format workflows, each used by its file name as the
    /// model (`portrait.json` is `--model portrait`).
    public var workflowFolder: URL
    /// How long opening the WebSocket may take before Easel polls instead.
    public var socketTimeout: Duration
    /// Time between polls of `/history` and `/queue` when there is no WebSocket; with one, the
    /// history is checked after this many seconds of silence times ten.
    public var pollInterval: Duration
    /// Per saved workflow (by model id), where its settings go when the finder's reading is
    /// overridden in the config.
    public var mappings: [String: ComfyUIInputMapping]

    public init(
        workflowFolder: URL = EaselPaths.resolve().config.appendingPathComponent("workflows"),
        socketTimeout: Duration = .seconds(5), pollInterval: Duration = .seconds(1), mappings: [String: ComfyUIInputMapping] = [:]
    ) {
        self.workflowFolder = workflowFolder
        self.mappings = mappings
        self.socketTimeout = socketTimeout
        self.pollInterval = pollInterval
    }
}
