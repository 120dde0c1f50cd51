/// Paints small abstract pictures from a prompt, standing in for a real image model offline.
///
/// The output depends only on (prompt, seed, width, height): the composition comes from
/// FNV-1a and SplitMix64, and the pixel maths avoids libm functions whose last bits differ
/// between platforms, so every machine paints byte-identical images.
public enum ImagePainter {
    /// Paints a `width`×`height` picture; a non-positive side yields an empty image.
    public static func paint(prompt: String, seed: UInt64, width: Int, height: Int) -> RGBImage {
        let width = Swift.max(0, width)
        let height = Swift.max(0, height)
        guard width > 0, height > 0 else {
            return RGBImage(width: width, height: height, pixels: [])
        }
        let recipe = PaintingRecipe(prompt: prompt, seed: seed, width: width, height: height)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        // One row of float colour is reused for every row: no per-pixel or per-row allocation.
        var row = [Float](repeating: 0, count: width * 3)
        pixels.withUnsafeMutableBufferPointer { pixels in
            row.withUnsafeMutableBufferPointer { row in
                for y in 0..<height {
                    let centerY = Float(y) + 0.5
                    paintBackground(recipe, y: centerY, into: row)
                    for circle in recipe.circles {
                        blend(circle, y: centerY, into: row)
                    }
                    for band in recipe.bands {
                        blend(band, y: centerY, into: row)
                    }
                    finish(
                        row, y: y, width: width, height: height, recipe: recipe,
                        into: UnsafeMutableBufferPointer(rebasing: pixels[(y * width * 3)..<((y + 1) * width * 3)]))
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Fills one row with the three-stop background gradient.
    private static func paintBackground(_ recipe: PaintingRecipe, y: Float, into row: UnsafeMutableBufferPointer<Float>) {
        let (first, middle, last) = recipe.stops
        let middleStop = recipe.middleStop
        let toMiddle = 1 / middleStop
        let fromMiddle = 1 / (1 - middleStop)
        let rowOffset = y * recipe.gradientPerY + recipe.gradientOffset
        for x in 0..<(row.count / 3) {
            var position = (Float(x) + 0.5) * recipe.gradientPerX + rowOffset
            position = Swift.min(Swift.max(position, 0), 1)
            let from: PaintColor
            let to: PaintColor
            var amount: Float
            if position < middleStop {
                (from, to, amount) = (first, middle, position * toMiddle)
            } else {
                (from, to, amount) = (middle, last, (position - middleStop) * fromMiddle)
            }
            // Smoothstep hides the kink where the two gradient segments meet.
            amount = amount * amount * (3 - 2 * amount)
            row[x * 3] = from.red + (to.red - from.red) * amount
            row[x * 3 + 1] = from.green + (to.green - from.green) * amount
            row[x * 3 + 2] = from.blue + (to.blue - from.blue) * amount
        }
    }

    /// Blends a soft circle into one row, touching only the columns it can reach.
    private static func blend(_ circle: PaintingRecipe.SoftCircle, y: Float, into row: UnsafeMutableBufferPointer<Float>) {
        let offsetY = y - circle.centerY
        let radiusSquared = circle.radius * circle.radius
        let remaining = radiusSquared - offsetY * offsetY
        guard remaining > 0 else { return }
        let halfSpan = remaining.squareRoot()
        let columns = row.count / 3
        // Clamp in float space first so a far-off circle cannot overflow the Int conversion.
        let left = Swift.max(0, Swift.min(Float(columns), (circle.centerX - halfSpan).rounded(.down)))
        let right = Swift.max(0, Swift.min(Float(columns), (circle.centerX + halfSpan).rounded(.up)))
        let inverseRadiusSquared = 1 / radiusSquared
        let color = circle.color
        let hardness = circle.hardness
        for x in Int(left)..<Int(right) {
            let offsetX = Float(x) + 0.5 - circle.centerX
            let depth = 1 - (offsetX * offsetX + offsetY * offsetY) * inverseRadiusSquared
            let falloff = Swift.min(1, Swift.max(0, depth * hardness))
            // Smoothstep reaches the rim with zero slope, so the disc never shows a hard edge.
            let alpha = circle.opacity * falloff * falloff * (3 - 2 * falloff)
            row[x * 3] += (color.red - row[x * 3]) * alpha
            row[x * 3 + 1] += (color.green - row[x * 3 + 1]) * alpha
            row[x * 3 + 2] += (color.blue - row[x * 3 + 2]) * alpha
        }
    }

    /// Blends a soft straight band into one row.
    private static func blend(_ band: PaintingRecipe.SoftBand, y: Float, into row: UnsafeMutableBufferPointer<Float>) {
        let rowDistance = (y - band.originY) * band.normalY - band.originX * band.normalX
        let inverseHalfWidthSquared = 1 / (band.halfWidth * band.halfWidth)
        let color = band.color
        for x in 0..<(row.count / 3) {
            let distance = (Float(x) + 0.5) * band.normalX + rowDistance
            let falloff = Swift.max(0, 1 - distance * distance * inverseHalfWidthSquared)
            let alpha = band.opacity * falloff * falloff
            row[x * 3] += (color.red - row[x * 3]) * alpha
            row[x * 3 + 1] += (color.green - row[x * 3 + 1]) * alpha
            row[x * 3 + 2] += (color.blue - row[x * 3 + 2]) * alpha
        }
    }

    /// Applies vignette and grain, then rounds the row into 8-bit output.
    ///
    /// The grain doubles as dither: without it the smooth gradients band visibly at 8 bits.
    private static func finish(
        _ row: UnsafeMutableBufferPointer<Float>, y: Int, width: Int, height: Int,
        recipe: PaintingRecipe, into output: UnsafeMutableBufferPointer<UInt8>
    ) {
        let inverseWidth = 1 / Float(width)
        let offsetY = (Float(y) + 0.5) / Float(height) - 0.5
        let rowVignette = offsetY * offsetY
        let strength = recipe.vignette * 2
        let grainScale = recipe.grainAmount / 128
        let rowSalt = UInt32(truncatingIfNeeded: y) &* 0x85EB_CA77 ^ recipe.grainSalt
        for x in 0..<width {
            let offsetX = (Float(x) + 0.5) * inverseWidth - 0.5
            let shade = 1 - strength * (offsetX * offsetX + rowVignette)
            var noise = UInt32(truncatingIfNeeded: x) &* 0x9E37_79B1 ^ rowSalt
            noise ^= noise >> 15
            noise &*= 0x2C1B_3C6D
            noise ^= noise >> 12
            let grain = Float(Int32(noise & 0xFF) - 128) * grainScale
            for channel in 0..<3 {
                let value = row[x * 3 + channel] * shade + grain
                output[x * 3 + channel] = UInt8(Swift.min(Swift.max(value, 0), 255) + 0.5)
            }
        }
    }
}
