/// Run-length bytes: how the undo history keeps a region of the mask. A mask is mostly long
/// runs, so filling a 2048² image costs a few KB of history instead of 4 MB.
public struct MaskRuns: Hashable, Sendable {
    public private(set) var values: [UInt8] = []
    public private(set) var counts: [UInt32] = []

    /// Adds one byte.
    mutating func append(_ value: UInt8) {
        if let last = values.last, last == value, counts[counts.count - 1] < UInt32.max {
            counts[counts.count - 1] += 1
        } else {
            values.append(value)
            counts.append(1)
        }
    }

    /// How many of the bytes are non-zero (marked).
    public var markedCount: Int {
        zip(values, counts).reduce(0) { $0 + ($1.0 == 0 ? 0 : Int($1.1)) }
    }

    /// Roughly what the runs cost in memory.
    public var byteCost: Int { values.count * 5 + 32 }
}
