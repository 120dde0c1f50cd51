import EaselCore
import EaselImage

/// Paints the sandbox's edits and variations so tests can see that the inputs were honoured:
/// an edit keeps the first image's pixels exactly where the mask is not fully transparent and
/// repaints only where it is (no mask: the prompt's picture blended half and half over the whole
/// image, so the input stays recognisable); a variation redraws the picture in the input's own
/// palette.
enum SandboxEditPainter {
    /// One edited picture at `width`×`height`.
    static func edit(base: RGBAImage, mask: RGBAImage?, prompt: String, seed: UInt64, width: Int, height: Int) -> RGBImage {
        let kept = scaled(base.composited(over: (0, 0, 0)), width: width, height: height)
        let painted = ImagePainter.paint(prompt: prompt, seed: seed, width: width, height: height)
        var out = kept.pixels
        for y in 0..<height {
            for x in 0..<width {
                let index = (y * width + x) * 3
                if let mask {
                    // Nearest mask pixel, so a result of another size still follows the mask.
                    let mx = min(mask.width - 1, x * mask.width / width)
                    let my = min(mask.height - 1, y * mask.height / height)
                    guard mask.pixels[(my * mask.width + mx) * 4 + 3] == 0 else { continue }
                    out[index] = painted.pixels[index]
                    out[index + 1] = painted.pixels[index + 1]
                    out[index + 2] = painted.pixels[index + 2]
                } else {
                    for channel in 0..<3 {
                        out[index + channel] = UInt8((Int(kept.pixels[index + channel]) + Int(painted.pixels[index + channel])) / 2)
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }

    /// A variation: a fresh picture whose every pixel is the nearest of the input's colours
    /// (sampled on an 8×8 grid), so the palette carries over.
    static func variation(of base: RGBAImage, seed: UInt64, width: Int, height: Int) -> RGBImage {
        let source = base.composited(over: (0, 0, 0))
        var palette: [(Int, Int, Int)] = []
        for gy in 0..<8 {
            for gx in 0..<8 {
                let x = min(source.width - 1, (gx * 2 + 1) * source.width / 16)
                let y = min(source.height - 1, (gy * 2 + 1) * source.height / 16)
                let i = (y * source.width + x) * 3
                let colour = (Int(source.pixels[i]), Int(source.pixels[i + 1]), Int(source.pixels[i + 2]))
                if !palette.contains(where: { $0 == colour }) { palette.append(colour) }
            }
        }
        let fresh = ImagePainter.paint(prompt: "variation", seed: seed, width: width, height: height)
        var out = fresh.pixels
        for index in stride(from: 0, to: out.count, by: 3) {
            let (r, g, b) = (Int(out[index]), Int(out[index + 1]), Int(out[index + 2]))
            let nearest = palette.min { lhs, rhs in
                distance(lhs, r, g, b) < distance(rhs, r, g, b)
            } ?? (r, g, b)
            out[index] = UInt8(nearest.0)
            out[index + 1] = UInt8(nearest.1)
            out[index + 2] = UInt8(nearest.2)
        }
        return RGBImage(width: width, height: height, pixels: out)
    }

    private static func distance(_ colour: (Int, Int, Int), _ r: Int, _ g: Int, _ b: Int) -> Int {
        let dr = colour.0 - r, dg = colour.1 - g, db = colour.2 - b
        return dr * dr + dg * dg + db * db
    }

    /// The picture at another size (unchanged when it already is that size, so kept pixels stay
    /// exact).
    private static func scaled(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        image.width == width && image.height == height ? image : image.resized(width: width, height: height)
    }
}
