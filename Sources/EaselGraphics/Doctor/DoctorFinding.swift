/// One thing `easel doctor` checked: what it found, how good that is, the evidence, and the
/// exact change that fixes it when it is a problem.
public struct DoctorFinding: Sendable, Equatable {
    /// How a finding stands.
    public enum Status: String, Sendable, Equatable, CaseIterable {
        /// Works.
        case ok
        /// Neither good nor bad: a fact worth knowing (over SSH, the symbol set…).
        case note
        /// Works, but worse than it could.
        case warning
        /// Broken: pictures or text will not show right until fixed.
        case problem
    }

    /// A short stable name (`term`, `locale`, `graphics`, `tmux`, `kitty-check`…), used as the
    /// JSON key and the text report's label.
    public var topic: String
    public var status: Status
    /// One line: what was found.
    public var summary: String
    /// The replies, variables or answers that decided it, one per line.
    public var evidence: [String]
    /// What to do about it, exactly (a command, a config line), when there is something to do.
    public var fix: String?

    /// Makes a finding.
    public init(_ topic: String, _ status: Status, _ summary: String, evidence: [String] = [], fix: String? = nil) {
        self.topic = topic
        self.status = status
        self.summary = summary
        self.evidence = evidence
        self.fix = fix
    }
}
