/// The xterm-256 palette and nearest-colour matching for terminals without direct colour.
///
/// Only the 6×6×6 cube (16–231) and the grey ramp (232–255) are candidates: entries 0–15
/// are the terminal's own theme colours, redefined by nearly every user, so matching
/// against xterm's defaults for them would paint unpredictable colours.
public enum XtermPalette {
    /// The channel levels of the colour cube, indexes 16–231.
    public static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The colour xterm shows for palette entry `index` (16–255; 0–15 are given their
    /// xterm defaults only so every index has an answer).
    public static func color(_ index: UInt8) -> RGBColor {
        switch index {
        case 0..<16:
            return systemColors[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            return RGBColor(cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
        default:
            let grey = 8 + 10 * (index - 232)
            return RGBColor(grey, grey, grey)
        }
    }

    /// The cube or grey-ramp entry closest to (`red`, `green`, `blue`) by squared distance.
    ///
    /// Ties go to the cube, whose entries are exact for black and white.
    @inline(__always)
    public static func nearestIndex(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        // Squared distance is separable, so each channel takes its own nearest cube level.
        let r = Int(nearestCubeStep[Int(red)])
        let g = Int(nearestCubeStep[Int(green)])
        let b = Int(nearestCubeStep[Int(blue)])
        let cubeDistance =
            square(Int(red) - Int(cubeLevels[r])) + square(Int(green) - Int(cubeLevels[g]))
            + square(Int(blue) - Int(cubeLevels[b]))
        // The distance to a grey g is 3·(g − mean)² + constant, so the best ramp entry is the
        // one nearest the mean: round((sum/3 − 8) / 10), computed in integers.
        let sum = Int(red) + Int(green) + Int(blue)
        let greyStep = min(23, max(0, (sum - 9) / 30))
        let grey = 8 + 10 * greyStep
        let greyDistance = square(Int(red) - grey) + square(Int(green) - grey) + square(Int(blue) - grey)
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : 16 + 36 * r + 6 * g + b)
    }

    /// For each byte value, the index (0–5) of the nearest cube level; ties go to the lower.
    static let nearestCubeStep: [UInt8] = (0...255).map { value in
        var best = 0
        for step in 1..<6 where abs(Int(cubeLevels[step]) - value) < abs(Int(cubeLevels[best]) - value) {
            best = step
        }
        return UInt8(best)
    }

    /// xterm's defaults for the sixteen theme colours, never chosen by `nearestIndex`.
    static let systemColors: [RGBColor] = [
        RGBColor(0, 0, 0), RGBColor(205, 0, 0), RGBColor(0, 205, 0), RGBColor(205, 205, 0),
        RGBColor(0, 0, 238), RGBColor(205, 0, 205), RGBColor(0, 205, 205), RGBColor(229, 229, 229),
        RGBColor(127, 127, 127), RGBColor(255, 0, 0), RGBColor(0, 255, 0), RGBColor(255, 255, 0),
        RGBColor(92, 92, 255), RGBColor(255, 0, 255), RGBColor(0, 255, 255), RGBColor(255, 255, 255),
    ]

    @inline(__always)
    static func square(_ value: Int) -> Int { value * value }
}
