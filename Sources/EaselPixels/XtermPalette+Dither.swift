extension XtermPalette {
    /// The palette entry for a pixel under ordered dithering with Bayer rank `rank` (0–63).
    ///
    /// The family (cube or grey ramp) is the undithered nearest entry's; within it, each
    /// channel (or, on the ramp, the mean) sits between two palette levels and takes the
    /// upper one when its fractional position passes the pixel's threshold. That is the same
    /// as adding a threshold offset scaled to the local level spacing before rounding, but a
    /// colour already on a palette level has fraction 0 and never moves, so flat palette
    /// colours stay flat while gradients between levels become patterns.
    @inline(__always)
    public static func ditheredIndex(_ red: UInt8, _ green: UInt8, _ blue: UInt8, rank: Int) -> UInt8 {
        // Threshold (rank + ½) / 64, kept as the integer 2·rank + 1 over 128.
        let threshold = 2 * rank + 1
        let nearest = nearestIndex(red, green, blue)
        if nearest >= 232 {
            let offset = Int(red) + Int(green) + Int(blue) - 24  // 30 units per ramp step
            if offset <= 0 { return 232 }
            if offset >= 23 * 30 { return 255 }
            let step = offset / 30
            let up = (offset % 30) * 128 > threshold * 30 ? 1 : 0
            return UInt8(232 + step + up)
        }
        let r = ditheredCubeStep(red, threshold: threshold)
        let g = ditheredCubeStep(green, threshold: threshold)
        let b = ditheredCubeStep(blue, threshold: threshold)
        return UInt8(16 + 36 * r + 6 * g + b)
    }

    /// The cube step for one channel: the level at or below it, or the next one up when the
    /// channel's position between the two passes `threshold`/128.
    @inline(__always)
    static func ditheredCubeStep(_ value: UInt8, threshold: Int) -> Int {
        let lower = Int(floorCubeStep[Int(value)])
        if lower == 5 { return 5 }
        let low = Int(cubeLevels[lower])
        let span = Int(cubeLevels[lower + 1]) - low
        return (Int(value) - low) * 128 > threshold * span ? lower + 1 : lower
    }

    /// For each byte value, the highest cube step whose level does not exceed it.
    static let floorCubeStep: [UInt8] = (0...255).map { value in
        UInt8(cubeLevels.lastIndex { Int($0) <= value } ?? 0)
    }
}
