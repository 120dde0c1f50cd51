import EaselUI

extension RGBColor {
    /// The usual xterm values of the 16 ANSI colours; real terminals differ (that is what
    /// palettes are for), but these are the best guess at what each index looks like.
    static let ansiPalette: [RGBColor] = (0..<16).map { XtermPalette.color(UInt8($0)) }

    /// The nearest of the first `colorCount` (8 or 16) ANSI colours, for terminals with no
    /// palette beyond them.
    func nearestANSIIndex(colorCount: Int) -> Int {
        let candidates = Self.ansiPalette.prefix(max(1, min(colorCount, Self.ansiPalette.count)))
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in candidates.enumerated() {
            let distance = squaredDistance(to: candidate)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    private func squaredDistance(to other: RGBColor) -> Int {
        let red = Int(self.red) - Int(other.red)
        let green = Int(self.green) - Int(other.green)
        let blue = Int(self.blue) - Int(other.blue)
        return red * red + green * green + blue * blue
    }
}
