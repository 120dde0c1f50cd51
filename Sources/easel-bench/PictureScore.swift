import EaselImage
import Foundation

/// How close drawn cells come to the source: mean squared error in linear RGB, and an SSIM-like
/// structural score on luma (8×8 windows, 4 apart, the usual constants for 8-bit values).
enum PictureScore {
    static func compare(_ drawn: [Float], _ reference: RGBImage) -> (mse: Double, ssim: Double) {
        let count = reference.width * reference.height
        var squared = 0.0
        var drawnLuma = [Double](repeating: 0, count: count)
        var sourceLuma = [Double](repeating: 0, count: count)
        for pixel in 0..<count {
            var lumaDrawn = 0.0
            var lumaSource = 0.0
            for (channel, weight) in [0.2126, 0.7152, 0.0722].enumerated() {
                let source = GlyphRaster.linear(reference.pixels[pixel * 3 + channel])
                let value = drawn[pixel * 3 + channel]
                squared += Double((value - source) * (value - source))
                lumaDrawn += weight * encoded(value)
                lumaSource += weight * Double(reference.pixels[pixel * 3 + channel])
            }
            drawnLuma[pixel] = lumaDrawn
            sourceLuma[pixel] = lumaSource
        }
        return (squared / Double(count * 3), ssim(drawnLuma, sourceLuma, width: reference.width, height: reference.height))
    }

    /// 0…255 sRGB value of linear light.
    static func encoded(_ value: Float) -> Double {
        let v = Double(max(0, min(1, value)))
        return 255 * (v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055)
    }

    static func ssim(_ a: [Double], _ b: [Double], width: Int, height: Int) -> Double {
        let c1: Double = (0.01 * 255) * (0.01 * 255)
        let c2: Double = (0.03 * 255) * (0.03 * 255)
        var total = 0.0
        var windows = 0
        for top in stride(from: 0, through: height - 8, by: 4) {
            for left in stride(from: 0, through: width - 8, by: 4) {
                var (sumA, sumB, sumAA, sumBB, sumAB) = (0.0, 0.0, 0.0, 0.0, 0.0)
                for y in top..<(top + 8) {
                    for x in left..<(left + 8) {
                        let p = a[y * width + x]
                        let q = b[y * width + x]
                        sumA += p
                        sumB += q
                        sumAA += p * p
                        sumBB += q * q
                        sumAB += p * q
                    }
                }
                let n = 64.0
                let (meanA, meanB) = (sumA / n, sumB / n)
                let varianceA = sumAA / n - meanA * meanA
                let varianceB = sumBB / n - meanB * meanB
                let covariance = sumAB / n - meanA * meanB
                total += ((2 * meanA * meanB + c1) * (2 * covariance + c2))
                    / ((meanA * meanA + meanB * meanB + c1) * (varianceA + varianceB + c2))
                windows += 1
            }
        }
        return windows > 0 ? total / Double(windows) : 1
    }
}
