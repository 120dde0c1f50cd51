extension RGBImage {
    /// A copy whose longer side is at most `maxSide`, averaging every source pixel it covers.
    ///
    /// Never upscales: an image already small enough comes back unchanged. A `maxSide` below 1
    /// is treated as 1, so the result always has at least one pixel when the source does.
    public func thumbnail(maxSide: Int) -> RGBImage {
        let limit = Swift.max(1, maxSide)
        let longest = Swift.max(width, height)
        guard !isEmpty, longest > limit else { return self }
        // Rounded so the longer side lands exactly on `limit` and the aspect ratio holds.
        let targetWidth = Swift.max(1, (width * limit + longest / 2) / longest)
        let targetHeight = Swift.max(1, (height * limit + longest / 2) / longest)
        return boxResized(width: targetWidth, height: targetHeight)
    }

    /// Area-average resample to a smaller size, done as a horizontal then a vertical pass.
    ///
    /// Weights are integer overlaps measured in 1/target-size units, so the average is exact
    /// and a uniform region stays exactly uniform instead of drifting by rounding.
    func boxResized(width targetWidth: Int, height targetHeight: Int) -> RGBImage {
        let columns = BoxWeights(source: width, target: targetWidth)
        let rows = BoxWeights(source: height, target: targetHeight)

        // Horizontal pass: each intermediate value is a weighted sum, not yet divided.
        var horizontal = [Int](repeating: 0, count: targetWidth * height * 3)
        pixels.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { sums in
                for y in 0..<height {
                    let sourceRow = y * width * 3
                    let sumRow = y * targetWidth * 3
                    for x in 0..<targetWidth {
                        var red = 0, green = 0, blue = 0
                        for (sourceX, weight) in columns.contributions(to: x) {
                            let offset = sourceRow + sourceX * 3
                            red += Int(source[offset]) * weight
                            green += Int(source[offset + 1]) * weight
                            blue += Int(source[offset + 2]) * weight
                        }
                        sums[sumRow + x * 3] = red
                        sums[sumRow + x * 3 + 1] = green
                        sums[sumRow + x * 3 + 2] = blue
                    }
                }
            }
        }

        // Vertical pass: the weights of both passes total width * height source units.
        let total = width * height
        var output = [UInt8](repeating: 0, count: targetWidth * targetHeight * 3)
        var rowSums = [Int](repeating: 0, count: targetWidth * 3)
        horizontal.withUnsafeBufferPointer { sums in
            output.withUnsafeMutableBufferPointer { output in
                rowSums.withUnsafeMutableBufferPointer { rowSums in
                    let stride = targetWidth * 3
                    for y in 0..<targetHeight {
                        rowSums.update(repeating: 0)
                        for (sourceY, weight) in rows.contributions(to: y) {
                            let sumRow = sourceY * stride
                            for index in 0..<stride {
                                rowSums[index] += sums[sumRow + index] * weight
                            }
                        }
                        for index in 0..<stride {
                            output[y * stride + index] = UInt8((rowSums[index] + total / 2) / total)
                        }
                    }
                }
            }
        }
        return RGBImage(width: targetWidth, height: targetHeight, pixels: output)
    }
}
