public import EaselImage
import EaselPixels

extension IndexedImage {
    /// Reduces `image` to at most `maxColors` (1–256) colours.
    ///
    /// An image with no more colours than that keeps them exactly; otherwise the palette is
    /// built by `MedianCut` from a 15-bit histogram and each pixel is matched through a cache
    /// of nearest palette entries per 15-bit bin, filled on first use.
    public init(quantizing image: RGBImage, maxColors: Int = 256, dither: DitherMethod = .floydSteinberg) {
        precondition((1...256).contains(maxColors), "a palette has 1 to 256 colours")
        let histogram = ColorHistogram(image)
        if histogram.isExact, histogram.populated.count <= maxColors {
            var indexOfBin = [UInt8](repeating: 0, count: ColorHistogram.binCount)
            for (index, bin) in histogram.populated.enumerated() { indexOfBin[bin] = UInt8(index) }
            let palette = histogram.populated.map { RGBColor(rgb: histogram.firstColor[$0]) }
            var indexes = [UInt8](repeating: 0, count: image.width * image.height)
            for pixel in 0..<indexes.count {
                let offset = pixel * 3
                let bin = ColorHistogram.bin(Int(image.pixels[offset]), Int(image.pixels[offset + 1]), Int(image.pixels[offset + 2]))
                indexes[pixel] = indexOfBin[bin]
            }
            self.init(width: image.width, height: image.height, palette: palette, indexes: indexes)
            return
        }
        let (palette, boxOfBin) = MedianCut.palette(histogram, maxColors: maxColors)
        var lookup = NearestPaletteLookup(palette, hints: boxOfBin)
        let indexes: [UInt8] =
            switch dither {
            case .none: Self.mapNearest(image, &lookup)
            case .floydSteinberg: Self.diffuse(image, &lookup)
            }
        self.init(width: image.width, height: image.height, palette: palette, indexes: indexes)
    }

    /// Maps each pixel to its bin's nearest palette colour.
    static func mapNearest(_ image: RGBImage, _ lookup: inout NearestPaletteLookup) -> [UInt8] {
        var indexes = [UInt8](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { pixels in
            for pixel in 0..<indexes.count {
                let offset = pixel * 3
                indexes[pixel] = lookup.index(Int(pixels[offset]), Int(pixels[offset + 1]), Int(pixels[offset + 2]))
            }
        }
        return indexes
    }

    /// Floyd–Steinberg over serpentine rows; errors are kept ×16 in two row buffers with a
    /// one-pixel margin on each side so the edges need no bounds checks.
    static func diffuse(_ image: RGBImage, _ lookup: inout NearestPaletteLookup) -> [UInt8] {
        let width = image.width
        let height = image.height
        let rowLength = (width + 2) * 3
        var indexes = [UInt8](repeating: 0, count: width * height)
        // Raw memory: the loop runs per pixel and array bounds and uniqueness checks cost more
        // than the arithmetic.
        let errors = UnsafeMutablePointer<Int>.allocate(capacity: 2 * rowLength)
        errors.initialize(repeating: 0, count: 2 * rowLength)
        defer { errors.deallocate() }
        var current = errors
        var next = errors + rowLength
        let palette = lookup.palette
        image.pixels.withUnsafeBufferPointer { pixels in
            indexes.withUnsafeMutableBufferPointer { indexes in
                for y in 0..<height {
                    let leftToRight = y % 2 == 0
                    let step = leftToRight ? 3 : -3
                    for column in 0..<width {
                        let x = leftToRight ? column : width - 1 - column
                        let offset = (y * width + x) * 3
                        let slot = (x + 1) * 3
                        let red = min(255, max(0, Int(pixels[offset]) + (current[slot] + 8) >> 4))
                        let green = min(255, max(0, Int(pixels[offset + 1]) + (current[slot + 1] + 8) >> 4))
                        let blue = min(255, max(0, Int(pixels[offset + 2]) + (current[slot + 2] + 8) >> 4))
                        let index = lookup.index(red, green, blue)
                        indexes[y * width + x] = index
                        let chosen = palette[Int(index)]
                        // 7/16 ahead, then 3/16 behind, 5/16 under and 1/16 ahead on the next row.
                        let redError = red - Int(chosen.red)
                        let greenError = green - Int(chosen.green)
                        let blueError = blue - Int(chosen.blue)
                        let ahead = slot + step
                        let behind = slot - step
                        current[ahead] += redError * 7
                        current[ahead + 1] += greenError * 7
                        current[ahead + 2] += blueError * 7
                        next[behind] += redError * 3
                        next[behind + 1] += greenError * 3
                        next[behind + 2] += blueError * 3
                        next[slot] += redError * 5
                        next[slot + 1] += greenError * 5
                        next[slot + 2] += blueError * 5
                        next[ahead] += redError
                        next[ahead + 1] += greenError
                        next[ahead + 2] += blueError
                    }
                    swap(&current, &next)
                    next.update(repeating: 0, count: rowLength)
                }
            }
        }
        return indexes
    }
}
