import EaselPixels

/// Nearest palette entry per 15-bit colour bin, computed on first use: an image touches a
/// few thousand bins at most, so each costs one palette search instead of one per pixel.
///
/// The search runs over the palette sorted by green and walks outwards from the closest
/// green, stopping once the green difference alone exceeds the best distance found; that
/// visits a few dozen entries instead of all 256.
struct NearestPaletteLookup {
    let palette: [RGBColor]
    /// Palette entries sorted by green: (green, red, blue, original index).
    private let byGreen: [(Int, Int, Int, Int)]
    /// A likely answer per bin (-1: none), used as the first candidate.
    private let hints: [Int16]
    private var cache: [Int16]

    init(_ palette: [RGBColor], hints: [Int16]) {
        self.palette = palette
        self.hints = hints
        byGreen = palette.enumerated()
            .map { (Int($0.element.green), Int($0.element.red), Int($0.element.blue), $0.offset) }
            .sorted { $0.0 < $1.0 }
        cache = [Int16](repeating: -1, count: ColorHistogram.binCount)
    }

    /// The palette index for a colour, via its bin.
    @inline(__always)
    mutating func index(_ red: Int, _ green: Int, _ blue: Int) -> UInt8 {
        let bin = ColorHistogram.bin(red, green, blue)
        let cached = cache[bin]
        if cached >= 0 { return UInt8(cached) }
        // The bin's centre stands for all colours in it.
        let best = nearest(red & ~7 | 4, green & ~7 | 4, blue & ~7 | 4, hint: Int(hints[bin]))
        cache[bin] = Int16(best)
        return UInt8(best)
    }

    /// The index of the palette colour closest to (`red`, `green`, `blue`), starting from
    /// `hint` when it is a palette index (ties go to the lower index either way).
    func nearest(_ red: Int, _ green: Int, _ blue: Int, hint: Int) -> Int {
        guard !byGreen.isEmpty else { return 0 }
        // First entry with green >= the target.
        var low = 0
        var high = byGreen.count
        while low < high {
            let middle = (low + high) / 2
            if byGreen[middle].0 < green { low = middle + 1 } else { high = middle }
        }
        var best = 0
        var bestDistance = Int.max
        if hint >= 0 {
            let color = palette[hint]
            let dr = Int(color.red) - red
            let dg = Int(color.green) - green
            let db = Int(color.blue) - blue
            best = hint
            // One more than the distance, so entries at the same distance are still looked at
            // and the tie rule does not depend on whether a hint was given.
            bestDistance = dr * dr + dg * dg + db * db + 1
        }
        var up = low
        var down = low - 1
        while up < byGreen.count || down >= 0 {
            if up < byGreen.count {
                let entry = byGreen[up]
                let dg = entry.0 - green
                if dg * dg >= bestDistance {
                    up = byGreen.count
                } else {
                    let distance = dg * dg + (entry.1 - red) * (entry.1 - red) + (entry.2 - blue) * (entry.2 - blue)
                    if distance < bestDistance || (distance == bestDistance && entry.3 < best) {
                        bestDistance = distance
                        best = entry.3
                    }
                    up += 1
                }
            }
            if down >= 0 {
                let entry = byGreen[down]
                let dg = green - entry.0
                if dg * dg >= bestDistance {
                    down = -1
                } else {
                    let distance = dg * dg + (entry.1 - red) * (entry.1 - red) + (entry.2 - blue) * (entry.2 - blue)
                    if distance < bestDistance || (distance == bestDistance && entry.3 < best) {
                        bestDistance = distance
                        best = entry.3
                    }
                    down -= 1
                }
            }
        }
        return best
    }
}
