/// Turns a hard mask (255 = change, 0 = keep) into an alpha channel with a soft edge: alpha 0
/// on every painted pixel, rising to 255 over `feather` pixels outside the painted area.
///
/// The distance is a two-pass 3-4 chamfer transform (exact along rows and columns, within 6 %
/// on diagonals), linear in the pixel count, so a 2048² mask feathers in a few milliseconds.
public enum MaskFeather {
    /// Alpha per pixel for `coverage` (`width * height` bytes, non-zero = change).
    public static func alpha(width: Int, height: Int, coverage: [UInt8], feather: Int) -> [UInt8] {
        precondition(coverage.count == width * height, "mask size mismatch")
        guard feather > 0 else { return coverage.map { $0 == 0 ? 255 : 0 } }
        // Chamfer units: 3 per straight step, 4 per diagonal; capped just past the ramp.
        let cap = Int32(3 * (feather + 1))
        var distance = coverage.map { $0 == 0 ? cap : Int32(0) }
        distance.withUnsafeMutableBufferPointer { d in
            for y in 0..<height {
                for x in 0..<width {
                    let i = y * width + x
                    var best = d[i]
                    if best == 0 { continue }
                    if x > 0 { best = min(best, d[i - 1] + 3) }
                    if y > 0 {
                        best = min(best, d[i - width] + 3)
                        if x > 0 { best = min(best, d[i - width - 1] + 4) }
                        if x + 1 < width { best = min(best, d[i - width + 1] + 4) }
                    }
                    d[i] = best
                }
            }
            for y in stride(from: height - 1, through: 0, by: -1) {
                for x in stride(from: width - 1, through: 0, by: -1) {
                    let i = y * width + x
                    var best = d[i]
                    if best == 0 { continue }
                    if x + 1 < width { best = min(best, d[i + 1] + 3) }
                    if y + 1 < height {
                        best = min(best, d[i + width] + 3)
                        if x + 1 < width { best = min(best, d[i + width + 1] + 4) }
                        if x > 0 { best = min(best, d[i + width - 1] + 4) }
                    }
                    d[i] = best
                }
            }
        }
        // A pixel `n` steps away (1…feather) gets n/(feather+1) of full opacity.
        let steps = Int32(feather + 1)
        return distance.map { value in
            let pixels = (value + 1) / 3
            return pixels >= steps ? 255 : UInt8(Int32(255) * pixels / steps)
        }
    }
}
