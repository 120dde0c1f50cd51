/// A picture's exact pixels for a terminal pixel protocol (kitty today), carried beside the
/// symbol cells of the `CellPicture` it belongs to.
///
/// Made off the loop with the cells, so the loop never encodes anything. Two pixel images are
/// the same when their encoded bytes and cell size are: `identity` is a hash of both, which is
/// what lets a picture made again (scrolling back, resizing back) reuse what the terminal
/// already holds instead of being sent twice. A class, so frames that compare pictures compare
/// one number instead of the bytes.
public final class PixelImage: Hashable, Sendable, CustomStringConvertible {
    /// The encoded image (PNG) the terminal decodes.
    public let encoded: [UInt8]
    /// The cells the terminal scales it into.
    public let columns: Int
    public let rows: Int
    /// The hash of `encoded`, `columns` and `rows`.
    public let identity: UInt64

    /// Wraps an encoded image shown over `columns` × `rows` cells.
    public init(encoded: [UInt8], columns: Int, rows: Int) {
        self.encoded = encoded
        self.columns = columns
        self.rows = rows
        // FNV-1a, 64-bit: the size goes in after the bytes so a resized picture differs.
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for byte in encoded { mix(byte) }
        for number in [columns, rows] {
            for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: number >> shift)) }
        }
        identity = value
    }

    public static func == (lhs: PixelImage, rhs: PixelImage) -> Bool {
        lhs === rhs || (lhs.identity == rhs.identity && lhs.columns == rhs.columns && lhs.rows == rhs.rows)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identity)
    }

    public var description: String {
        "PixelImage(\(columns)×\(rows), \(encoded.count) bytes)"
    }
}
