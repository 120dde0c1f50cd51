extension RGBImage {
    /// A copy resampled to exactly `width`×`height` with an area-averaging (box) filter in
    /// linear light.
    ///
    /// Each output pixel is the average light of the source area it covers, so shrinking keeps
    /// fine detail's brightness (a black/white checkerboard becomes sRGB 188, not 128) and a
    /// uniform image stays exactly uniform. Enlarging degenerates to area-weighted sampling of
    /// the nearest source pixels; each axis may shrink or enlarge independently. A zero target
    /// gives an empty image; an empty source gives a black one of the requested size.
    public func resized(width targetWidth: Int, height targetHeight: Int) -> RGBImage {
        precondition(targetWidth >= 0 && targetHeight >= 0, "resized(width:height:) needs non-negative sizes")
        if targetWidth == width && targetHeight == height {
            return self
        }
        guard targetWidth > 0, targetHeight > 0, !isEmpty else {
            return RGBImage(
                width: targetWidth, height: targetHeight,
                pixels: [UInt8](repeating: 0, count: targetWidth * targetHeight * 3))
        }
        let columns = ResampleWeights(source: width, target: targetWidth)
        let rows = ResampleWeights(source: height, target: targetHeight)
        return SRGBTransfer.withTables { tables in
            let horizontal = resampleRows(columns, targetWidth: targetWidth, tables: tables)
            return Self.resampleColumns(
                horizontal, rows, width: targetWidth, height: targetHeight, tables: tables)
        }
    }

    /// First pass: every source row resampled to `targetWidth`, as linear light.
    private func resampleRows(_ columns: ResampleWeights, targetWidth: Int, tables: SRGBTransfer.Tables) -> [Float] {
        let sourceWidth = width
        let rowCount = height
        return [Float](unsafeUninitializedCapacity: targetWidth * rowCount * 3) { output, initialized in
            pixels.withUnsafeBufferPointer { source in
                columns.firstSource.withUnsafeBufferPointer { firstSource in
                    columns.runStart.withUnsafeBufferPointer { runStart in
                        columns.weights.withUnsafeBufferPointer { weights in
                            let linear = tables.linear
                            for y in 0..<rowCount {
                                let sourceRow = y * sourceWidth * 3
                                let outputRow = y * targetWidth * 3
                                for x in 0..<targetWidth {
                                    var red: Float = 0, green: Float = 0, blue: Float = 0
                                    var offset = sourceRow + firstSource[x] * 3
                                    for run in runStart[x]..<runStart[x + 1] {
                                        let weight = weights[run]
                                        red += weight * linear[Int(source[offset])]
                                        green += weight * linear[Int(source[offset + 1])]
                                        blue += weight * linear[Int(source[offset + 2])]
                                        offset += 3
                                    }
                                    output[outputRow + x * 3] = red
                                    output[outputRow + x * 3 + 1] = green
                                    output[outputRow + x * 3 + 2] = blue
                                }
                            }
                        }
                    }
                }
            }
            initialized = targetWidth * rowCount * 3
        }
    }

    /// Second pass: the intermediate rows combined down to `height` rows and encoded to sRGB.
    private static func resampleColumns(
        _ horizontal: [Float], _ rows: ResampleWeights, width: Int, height: Int, tables: SRGBTransfer.Tables
    ) -> RGBImage {
        let stride = width * 3
        var accumulator = [Float](repeating: 0, count: stride)
        let pixels = [UInt8](unsafeUninitializedCapacity: stride * height) { output, initialized in
            horizontal.withUnsafeBufferPointer { intermediate in
                accumulator.withUnsafeMutableBufferPointer { sums in
                    rows.firstSource.withUnsafeBufferPointer { firstSource in
                        rows.runStart.withUnsafeBufferPointer { runStart in
                            rows.weights.withUnsafeBufferPointer { weights in
                                for y in 0..<height {
                                    sums.update(repeating: 0)
                                    var rowOffset = firstSource[y] * stride
                                    for run in runStart[y]..<runStart[y + 1] {
                                        let weight = weights[run]
                                        for index in 0..<stride {
                                            sums[index] += weight * intermediate[rowOffset + index]
                                        }
                                        rowOffset += stride
                                    }
                                    let outputRow = y * stride
                                    for index in 0..<stride {
                                        output[outputRow + index] = tables.encode(sums[index])
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = stride * height
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
