import EaselImage

/// Follows one prompt through the messages of a ComfyUI WebSocket: a pure state machine, fed
/// one `ComfyUIEvent` at a time, answering with what the job should report. Messages about other
/// prompts (the server's other clients, an earlier job of this one) change nothing; a preview
/// without a prompt id counts only while this prompt is the one running.
public struct ComfyUIPromptWatch: Sendable {
    /// What one message means for the job.
    public enum Step: Sendable, Hashable {
        case nothing
        case progress(ServerProgress)
        case preview(ImageFormat, [UInt8])
        /// The prompt finished: its images are in `/history`.
        case finished
        case failed(String)
        case interrupted
    }

    public let promptID: String
    /// Node id → class, from the graph sent, to name the running node.
    let classes: [String: String]
    /// True between this prompt's start and its end.
    public private(set) var running = false
    private var node: String?
    private var step: Int?
    private var steps: Int?

    /// Watches prompt `promptID` of `graph`.
    public init(promptID: String, graph: ComfyUIGraph) {
        self.promptID = promptID
        var classes: [String: String] = [:]
        for id in graph.nodes.keys { classes[id] = graph.classType(id) }
        self.classes = classes
    }

    /// Takes one message.
    public mutating func take(_ event: ComfyUIEvent) -> Step {
        if let id = event.promptID, id != promptID { return .nothing }
        switch event {
        case .status(let remaining):
            // Only a hint while waiting: the server's queue counts this prompt too.
            guard !running, let remaining, remaining > 0 else { return .nothing }
            return .progress(ServerProgress(queuePosition: remaining - 1, note: "queued at the server"))
        case .executionStart:
            running = true
            return .progress(ServerProgress(queuePosition: 0, note: "started"))
        case .cached:
            running = true
            return .nothing
        case .executing(let id, let node):
            guard id != nil || running else { return .nothing }
            guard let node else { return .finished }
            running = true
            if node != self.node { step = nil; steps = nil }
            self.node = node
            return .progress(current)
        case .progress(_, let node, let value, let max):
            guard running || event.promptID != nil else { return .nothing }
            running = true
            if let node { self.node = node }
            step = value
            steps = max
            return .progress(current)
        case .executed:
            return .nothing
        case .success:
            return .finished
        case .failed(_, let line):
            return .failed(line)
        case .interrupted(let id):
            return id != nil || running ? .interrupted : .nothing
        case .preview(let id, let format, let bytes):
            guard id != nil || running else { return .nothing }
            return .preview(format, bytes)
        case .ignored:
            return .nothing
        }
    }

    /// The progress as it stands: step, steps and the node's class.
    var current: ServerProgress {
        let note = node.map { classes[$0] ?? "node \($0)" }
        return ServerProgress(step: step, steps: steps, queuePosition: 0, note: note)
    }
}
