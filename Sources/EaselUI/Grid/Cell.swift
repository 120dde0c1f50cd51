import Synchronization

/// One terminal cell of a `CellGrid`.
///
/// A width-2 character spans two cells: the left one holds the character and the right one is a
/// `.continuation`, so column arithmetic stays one cell per column and the backend knows not to
/// write anything for the right half (the terminal fills it when it draws the left).
///
/// A cell is plain data (no references): every frame is built, copied and compared cell by
/// cell — 10,000 of them at 200×50 — so its grapheme is kept as a number rather than a
/// `Character`, whose copies and comparisons go through reference counting and Unicode
/// equivalence. One scalar (nearly every cell) is its own value; a cluster of several scalars
/// (an emoji sequence, a letter with combining marks) is a number in `ClusterTable`.
public struct Cell: Hashable, Sendable {
    /// What the cell shows.
    public enum Content: Hashable, Sendable {
        /// A whole grapheme cluster (one or two columns wide).
        case grapheme(Character)
        /// The right half of the wide character in the cell to the left.
        case continuation
    }

    /// The grapheme: a scalar's value (below 0x110000), `Self.continuationCode`, or
    /// `Self.clusterFlag` plus the cluster's number in `ClusterTable`. Two cells are equal when
    /// they hold the same scalars in the same style.
    private var code: UInt32
    /// How it is drawn.
    public var style: CellStyle

    private static let continuationCode: UInt32 = 0xFFFF_FFFF
    private static let clusterFlag: UInt32 = 0x8000_0000

    /// Creates a cell.
    public init(_ content: Content, style: CellStyle) {
        self.code = Self.code(of: content)
        self.style = style
    }

    /// A cell holding the single scalar `scalar`.
    init(scalar: Unicode.Scalar, style: CellStyle) {
        self.code = scalar.value
        self.style = style
    }

    /// A cell holding the printable ASCII byte `byte`.
    init(ascii byte: UInt8, style: CellStyle) {
        self.code = UInt32(byte)
        self.style = style
    }

    /// A space in `style`: what clearing a cell leaves behind.
    public static func blank(_ style: CellStyle) -> Cell {
        Cell(ascii: 0x20, style: style)
    }

    /// What the cell shows.
    public var content: Content {
        get {
            if code == Self.continuationCode { return .continuation }
            if code & Self.clusterFlag != 0 { return .grapheme(ClusterTable.shared.cluster(code & ~Self.clusterFlag)) }
            return .grapheme(Character(Unicode.Scalar(code) ?? "\u{FFFD}"))
        }
        set { code = Self.code(of: newValue) }
    }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool {
        code == Self.continuationCode
    }

    /// The grapheme shown, or nil for a continuation cell.
    public var character: Character? {
        if case .grapheme(let character) = content { return character }
        return nil
    }

    /// The grapheme when it is one scalar (nearly every cell), without building a `Character`;
    /// nil for a continuation or a cluster of several scalars.
    public var scalar: Unicode.Scalar? {
        code & Self.clusterFlag == 0 ? Unicode.Scalar(code) : nil
    }

    private static func code(of content: Content) -> UInt32 {
        guard case .grapheme(let character) = content else { return continuationCode }
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first { return only.value }
        return clusterFlag | ClusterTable.shared.number(for: character)
    }
}

/// The grapheme clusters of several scalars cells have held, numbered in the order first seen.
///
/// Clusters are keyed by their exact scalars (not by canonical equivalence), so a cell gives
/// back exactly what was drawn into it. The table only grows — by the distinct clusters the
/// process draws, a few dozen in practice — and past its capacity a new cluster is stored as
/// U+FFFD, so hostile text cannot grow it without bound.
final class ClusterTable: Sendable {
    static let shared = ClusterTable(capacity: 65_536)

    /// More distinct clusters than this are drawn as U+FFFD.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    private struct Storage {
        var numbers: [[UInt32]: UInt32] = [:]
        var clusters: [Character] = ["\u{FFFD}"]
    }

    private let storage = Mutex(Storage())

    /// The number of `cluster`, given one the first time it is seen.
    func number(for cluster: Character) -> UInt32 {
        let key = cluster.unicodeScalars.map(\.value)
        return storage.withLock { storage in
            if let known = storage.numbers[key] { return known }
            guard storage.clusters.count < capacity else { return 0 }
            let number = UInt32(storage.clusters.count)
            storage.clusters.append(cluster)
            storage.numbers[key] = number
            return number
        }
    }

    /// The cluster numbered `number` (U+FFFD for a number never given).
    func cluster(_ number: UInt32) -> Character {
        storage.withLock { storage in
            Int(number) < storage.clusters.count ? storage.clusters[Int(number)] : "\u{FFFD}"
        }
    }
}
