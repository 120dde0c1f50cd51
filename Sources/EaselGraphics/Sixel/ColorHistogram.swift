internal import EaselImage

/// Colour counts of an image over 15-bit bins (5 bits per channel), the input of the
/// median-cut palette and the key of the pixel-to-palette lookup.
///
/// Each bin keeps the sum of its pixels so palette entries are true means, and remembers
/// whether it saw more than one exact colour, so an image with few colours gets them exactly.
struct ColorHistogram {
    /// Number of bins: 32 levels per channel.
    static let binCount = 1 << 15

    /// The bin of a colour.
    @inline(__always)
    static func bin(_ red: Int, _ green: Int, _ blue: Int) -> Int {
        (red >> 3) << 10 | (green >> 3) << 5 | (blue >> 3)
    }

    /// Populated bins, ascending.
    private(set) var populated: [Int] = []
    /// Pixel count per bin.
    private(set) var counts: [Int]
    /// Channel sums per bin, `3 × binCount`, red first.
    private(set) var sums: [Int]
    /// The first exact colour seen in each bin, packed.
    private(set) var firstColor: [UInt32]
    /// Whether every populated bin holds a single exact colour.
    private(set) var isExact = true

    /// Counts every pixel of `image`.
    init(_ image: RGBImage) {
        var counts = [Int](repeating: 0, count: Self.binCount)
        var sums = [Int](repeating: 0, count: Self.binCount * 3)
        var firstColor = [UInt32](repeating: 0, count: Self.binCount)
        var exact = true
        image.pixels.withUnsafeBufferPointer { pixels in
            counts.withUnsafeMutableBufferPointer { counts in
                sums.withUnsafeMutableBufferPointer { sums in
                    firstColor.withUnsafeMutableBufferPointer { firstColor in
                        var offset = 0
                        while offset < pixels.count {
                            let red = Int(pixels[offset])
                            let green = Int(pixels[offset + 1])
                            let blue = Int(pixels[offset + 2])
                            let bin = Self.bin(red, green, blue)
                            let packed = UInt32(red << 16 | green << 8 | blue)
                            if counts[bin] == 0 {
                                firstColor[bin] = packed
                            } else if firstColor[bin] != packed {
                                exact = false
                            }
                            counts[bin] += 1
                            sums[3 * bin] += red
                            sums[3 * bin + 1] += green
                            sums[3 * bin + 2] += blue
                            offset += 3
                        }
                    }
                }
            }
        }
        self.counts = counts
        self.sums = sums
        self.firstColor = firstColor
        self.isExact = exact
        populated = (0..<Self.binCount).filter { counts[$0] > 0 }
    }

    /// The mean colour of one bin's pixels, per channel.
    func mean(of bin: Int) -> (Int, Int, Int) {
        let count = counts[bin]
        return (
            (sums[3 * bin] + count / 2) / count, (sums[3 * bin + 1] + count / 2) / count,
            (sums[3 * bin + 2] + count / 2) / count
        )
    }
}
