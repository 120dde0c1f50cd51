/// Everything that decides what a painting looks like, drawn from a prompt and seed.
///
/// Kept apart from the rasteriser so the composition rules read as plain data, and so the
/// per-pixel loop only does arithmetic on values prepared here.
struct PaintingRecipe {
    /// A round blob of colour whose strength fades smoothly to nothing at its rim.
    struct SoftCircle {
        /// Centre, in pixels.
        var centerX: Float
        var centerY: Float
        /// Radius in pixels; always positive.
        var radius: Float
        var color: PaintColor
        /// Blend strength at the centre, 0...1.
        var opacity: Float
        /// How quickly the rim fades: 1 is a haze, larger values give a firmer disc.
        var hardness: Float
    }

    /// A straight stroke across the canvas, strongest on its centre line.
    struct SoftBand {
        /// A point on the centre line, in pixels.
        var originX: Float
        var originY: Float
        /// Unit normal of the centre line.
        var normalX: Float
        var normalY: Float
        /// Distance from the centre line at which the band has faded out; always positive.
        var halfWidth: Float
        var color: PaintColor
        var opacity: Float
    }

    /// Background colours at gradient positions 0, `middleStop` and 1.
    var stops: (PaintColor, PaintColor, PaintColor)
    /// Gradient position of the middle colour, strictly inside 0...1.
    var middleStop: Float
    /// Gradient position at pixel (x, y) is `x * gradientPerX + y * gradientPerY + gradientOffset`.
    var gradientPerX: Float
    var gradientPerY: Float
    var gradientOffset: Float
    var circles: [SoftCircle]
    var bands: [SoftBand]
    /// How much the corners darken, 0...1.
    var vignette: Float
    /// Peak canvas-grain amplitude on the 0...255 scale.
    var grainAmount: Float
    /// Varies the grain pattern between paintings.
    var grainSalt: UInt32

    /// Hue offsets of classic palettes: analogous, complementary, triadic, split-complementary.
    private static let schemes: [(Float, Float, Float)] = [
        (0, 0.08, 0.16), (0, 0.5, 0.07), (0, 0.333, 0.667), (0, 0.42, 0.58),
    ]

    /// Derives a recipe; the same inputs give the same recipe on every run and machine.
    init(prompt: String, seed: UInt64, width: Int, height: Int) {
        let promptHash = FNV1a.hash(prompt.utf8)
        var random = SplitMix64(seed: SplitMix64.mix(promptHash ^ SplitMix64.mix(seed)))
        let canvasWidth = Float(width)
        let canvasHeight = Float(height)
        // Sizes scale with the geometric mean so wide and tall canvases stay balanced.
        let scale = (canvasWidth * canvasHeight).squareRoot()

        let baseHue = random.unit()
        let scheme = Self.schemes[random.int(in: 0...(Self.schemes.count - 1))]
        let hues = [scheme.0, scheme.1, scheme.2].map { baseHue + $0 + random.float(-0.03, 0.03) }

        // Dark, middle and light stops give the background depth before any shapes land on it.
        stops = (
            PaintColor(hue: hues[0], saturation: random.float(0.45, 0.8), value: random.float(0.16, 0.34)),
            PaintColor(hue: hues[1], saturation: random.float(0.35, 0.7), value: random.float(0.5, 0.7)),
            PaintColor(hue: hues[2], saturation: random.float(0.2, 0.5), value: random.float(0.8, 0.95))
        )
        middleStop = random.float(0.35, 0.65)

        // Normalise the gradient so it spans exactly the canvas, whatever its direction.
        let direction = random.direction()
        let corners = [(0, 0), (canvasWidth, 0), (0, canvasHeight), (canvasWidth, canvasHeight)]
        let projections = corners.map { $0.0 * direction.x + $0.1 * direction.y }
        let low = projections.min() ?? 0
        let span = Swift.max((projections.max() ?? 1) - low, 1)
        gradientPerX = direction.x / span
        gradientPerY = direction.y / span
        gradientOffset = -low / span

        circles = (0..<random.int(in: 3...6)).map { _ in
            SoftCircle(
                centerX: random.float(0.05, 0.95) * canvasWidth,
                centerY: random.float(0.05, 0.95) * canvasHeight,
                radius: random.float(0.1, 0.35) * scale,
                color: PaintColor(
                    hue: hues[random.int(in: 0...2)] + random.float(-0.05, 0.05),
                    saturation: random.float(0.5, 0.9), value: random.float(0.65, 1)),
                opacity: random.float(0.5, 0.85),
                hardness: random.float(1.5, 4))
        }

        bands = (0..<random.int(in: 1...2)).map { _ in
            let normal = random.direction()
            return SoftBand(
                originX: random.float(0.2, 0.8) * canvasWidth,
                originY: random.float(0.2, 0.8) * canvasHeight,
                normalX: normal.x, normalY: normal.y,
                halfWidth: random.float(0.04, 0.12) * scale,
                color: PaintColor(
                    hue: hues[random.int(in: 0...2)], saturation: random.float(0.25, 0.6),
                    value: random.float(0.85, 1)),
                opacity: random.float(0.2, 0.45))
        }

        vignette = random.float(0.15, 0.35)
        grainAmount = random.float(1.5, 3)
        grainSalt = UInt32(truncatingIfNeeded: random.next())
    }
}
