extension RGBColor {
    /// The channel levels of xterm's 6×6×6 colour cube (indexes 16–231).
    static let xtermCubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The closest xterm-256 palette entry, for terminals that cannot take direct colour.
    ///
    /// Only the cube (16–231) and the grey ramp (232–255) are candidates: entries 0–15 are
    /// redefined by every terminal's own palette, so they cannot be matched reliably.
    public var nearestXterm256Index: UInt8 {
        let channels = [Int(red), Int(green), Int(blue)]

        // Squared distance is separable, so each channel takes its own nearest cube level.
        let cubeSteps = channels.map(Self.nearestCubeStep)
        let cubeColor = cubeSteps.map { Self.xtermCubeLevels[$0] }
        let cubeIndex = 16 + 36 * cubeSteps[0] + 6 * cubeSteps[1] + cubeSteps[2]

        // The best single grey is the channel mean; the ramp is 8, 18, ..., 238.
        let mean = Double(channels.reduce(0, +)) / 3
        let greyStep = min(23, max(0, Int(((mean - 8) / 10).rounded())))
        let grey = 8 + 10 * greyStep

        let cubeDistance = Self.squaredDistance(channels, cubeColor)
        let greyDistance = Self.squaredDistance(channels, [grey, grey, grey])
        // On a tie the cube wins: its entries are exact for pure black and white.
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cubeIndex)
    }

    private static func nearestCubeStep(_ value: Int) -> Int {
        var best = 0
        for step in xtermCubeLevels.indices
        where abs(xtermCubeLevels[step] - value) < abs(xtermCubeLevels[best] - value) {
            best = step
        }
        return best
    }

    private static func squaredDistance(_ lhs: [Int], _ rhs: [Int]) -> Int {
        zip(lhs, rhs).reduce(0) { sum, pair in sum + (pair.0 - pair.1) * (pair.0 - pair.1) }
    }
}
