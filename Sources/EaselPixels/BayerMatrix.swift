/// The 8×8 Bayer threshold matrix used for ordered dithering.
///
/// Ordered (rather than error-diffusion) dithering keeps every pixel's choice independent of
/// its neighbours, so an image re-rendered after a resize or a scroll does not shimmer, and the
/// half-block writer can quantise any cell without looking at the rest of the row.
public enum BayerMatrix {
    /// The matrix side; thresholds repeat every 8 pixels in both directions.
    public static let size = 8

    /// Ranks 0–63 laid out row-major, built by the usual doubling recurrence
    /// `M(2n) = [[4M, 4M+2], [4M+3, 4M+1]]` from `M(1) = [0]`.
    public static let ranks: [UInt8] = {
        var matrix: [[Int]] = [[0]]
        while matrix.count < size {
            let side = matrix.count
            var next = [[Int]](repeating: [Int](repeating: 0, count: side * 2), count: side * 2)
            for y in 0..<side {
                for x in 0..<side {
                    let base = 4 * matrix[y][x]
                    next[y][x] = base
                    next[y][x + side] = base + 2
                    next[y + side][x] = base + 3
                    next[y + side][x + side] = base + 1
                }
            }
            matrix = next
        }
        return matrix.flatMap { $0.map(UInt8.init) }
    }()

    /// The rank (0–63) for pixel (`x`, `y`).
    @inline(__always)
    public static func rank(x: Int, y: Int) -> Int {
        Int(ranks[(y & 7) << 3 | (x & 7)])
    }
}
