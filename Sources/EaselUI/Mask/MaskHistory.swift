/// Undo and redo for the mask, bounded by a number of steps and by memory: the oldest steps are
/// forgotten first.
public struct MaskHistory: Hashable, Sendable {
    /// Steps kept at most.
    public static let maxSteps = 100
    /// Bytes of runs kept at most.
    public static let maxBytes = 32 << 20

    public private(set) var undo: [MaskChange] = []
    public private(set) var redo: [MaskChange] = []

    public init() {}

    /// Records a new edit; whatever could be redone is gone.
    mutating func record(_ change: MaskChange) {
        undo.append(change)
        redo.removeAll()
        var bytes = undo.reduce(0) { $0 + $1.byteCost }
        while undo.count > Self.maxSteps || (bytes > Self.maxBytes && undo.count > 1) {
            bytes -= undo.removeFirst().byteCost
        }
    }

    /// The edit to take back, moved to the redo side.
    mutating func popUndo() -> MaskChange? {
        guard let change = undo.popLast() else { return nil }
        redo.append(change)
        return change
    }

    /// The edit to do again, moved to the undo side.
    mutating func popRedo() -> MaskChange? {
        guard let change = redo.popLast() else { return nil }
        undo.append(change)
        return change
    }
}
