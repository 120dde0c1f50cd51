/// Counts events and the most that fell in any one-second window (half-open, `[t, t + 1)`), in
/// memory bounded by that maximum: what a benchmark compares with a configured rate.
public struct RateMeter: Sendable, Hashable {
    /// Events counted so far.
    public private(set) var total = 0
    /// The most events seen in one second.
    public private(set) var maxPerSecond = 0
    private var recent: [Double] = []
    private var start = 0

    public init() {}

    /// Notes an event at `time` (seconds on a steady clock; calls come in time order).
    public mutating func note(at time: Double) {
        total += 1
        recent.append(time)
        while start < recent.count, recent[start] <= time - 1 { start += 1 }
        maxPerSecond = max(maxPerSecond, recent.count - start)
        if start > 64, start * 2 > recent.count {
            recent.removeFirst(start)
            start = 0
        }
    }
}
