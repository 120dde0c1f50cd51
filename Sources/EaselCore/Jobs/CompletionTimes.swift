/// How long an endpoint's recent jobs took, to learn when polling starts to pay off. The
/// shortest recent time is taken as typical, so a quick answer is never left waiting long.
public struct CompletionTimes: Sendable, Hashable {
    private var recent: [Double] = []
    private let keep: Int

    /// Remembers the last `keep` times.
    public init(keep: Int = 8) {
        self.keep = max(1, keep)
    }

    /// Notes a job that finished after `seconds`.
    public mutating func record(_ seconds: Double) {
        guard seconds.isFinite, seconds >= 0 else { return }
        recent.append(seconds)
        if recent.count > keep { recent.removeFirst(recent.count - keep) }
    }

    /// The shortest of the recent times; nil before the first.
    public var typical: Double? { recent.min() }
}
