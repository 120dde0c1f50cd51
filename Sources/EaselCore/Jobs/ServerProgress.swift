/// What a server says of a job it is working on: the local backends report sampling steps
/// (A1111's `state.sampling_step`, ComfyUI's `progress {value, max}`, sd.cpp's job state), a
/// fraction done, their own estimate of the time left, and where the job stands in their queue.
/// Every field is optional: each backend reports what it knows, and nothing is made up.
public struct ServerProgress: Sendable, Hashable {
    /// The sampling step the server is at (1-based as the servers count), and of how many.
    public var step: Int?
    public var steps: Int?
    /// How much of the job is done, 0…1, when the server reports it.
    public var fraction: Double?
    /// The time left by the server's own estimate (A1111 `eta_relative`).
    public var eta: Duration?
    /// Jobs ahead of this one in the server's queue (0: running now); nil when not reported.
    public var queuePosition: Int?
    /// What the server is doing, in its words (ComfyUI: the node running), already made safe.
    public var note: String?

    public init(
        step: Int? = nil, steps: Int? = nil, fraction: Double? = nil, eta: Duration? = nil, queuePosition: Int? = nil,
        note: String? = nil
    ) {
        self.step = step
        self.steps = steps
        self.fraction = fraction.map { $0.isFinite ? Swift.min(1, Swift.max(0, $0)) : 0 }
        self.eta = eta
        self.queuePosition = queuePosition
        self.note = note.map { TerminalText.oneLine($0, limit: 80) }
    }

    /// `step 12/30 · 40% · about 8.2 s left (server) · node KSampler`, or `queued at the server
    /// (2 ahead)`: the words the CLI's progress line and the studio's progress pane show.
    public var summary: String {
        var pieces: [String] = []
        if let queuePosition, queuePosition > 0 {
            pieces.append("queued at the server (\(queuePosition) ahead)")
        }
        if let step, let steps, steps > 0 {
            pieces.append("step \(step)/\(steps)")
        } else if let step {
            pieces.append("step \(step)")
        }
        if let fraction { pieces.append("\(Int((fraction * 100).rounded()))%") }
        if let eta {
            let seconds = Double(eta.components.seconds) + Double(eta.components.attoseconds) / 1e18
            pieces.append(String(format: "about %.1f s left (server)", Swift.max(0, seconds)))
        }
        if let note, !note.isEmpty { pieces.append(note) }
        return pieces.isEmpty ? "generating" : pieces.joined(separator: " · ")
    }
}
