/// Where `c` stands among an entry's versions: pressing it again on the version it went to goes
/// to the next one (round to the first after the last).
public struct ChildWalk: Sendable, Hashable {
    public var children: [LinkedEntry]
    public var index: Int

    /// The version `c` went to last.
    public var current: LinkedEntry { children[index] }
}
