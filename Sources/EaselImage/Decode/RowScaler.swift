/// Shrinks a picture that arrives one row at a time while it decodes, so the full-size picture
/// never exists: each source pixel is added, in linear light and weighted by its alpha, to the
/// one or two output pixels whose area it overlaps, and an output row is finished as soon as
/// the last source row under it is in.
///
/// Two ways to cut the source into output pixels:
/// - `.exact(width, height)`: an area-averaging box of exactly that size (the fractional box of
///   `RGBImage.resized`), for pictures decoded straight at the size they are shown;
/// - `.factor(n)`: whole n×n blocks, the last ones partial (`ceil(side / n)` pixels out).
///
/// And two results: flattened onto a background (RGB; what the terminal shows), or straight
/// alpha kept (RGBA). Rows may also arrive as Adam7 passes (`add(passRow:)`): then every output
/// row stays open until `finish()`, which costs the output's size in sums, still not the source's.
final class RowScaler {
    /// How the source is cut into output pixels.
    enum Cut: Equatable {
        /// An area-averaging box to exactly this size (each side at most the source's).
        case exact(PixelSize)
        /// Whole blocks of this many pixels a side.
        case factor(Int)
    }

    /// What the finished pixels are.
    enum Result: Equatable {
        /// Transparent parts mixed (in linear light) with this sRGB colour: an `RGBImage`.
        case flattened(red: UInt8, green: UInt8, blue: UInt8)
        /// Straight-alpha RGBA, colour averaged by alpha: an `RGBAImage`.
        case straightAlpha
    }

    let sourceWidth: Int
    let sourceHeight: Int
    let width: Int
    let height: Int
    let result: Result
    /// True once an Adam7 row arrived: every output row then waits for `finish()`.
    private(set) var interlaced: Bool

    /// Per source column: the output column it starts in, and its shares of that column and the
    /// next (the second is 0 when it lies inside one output column).
    private let columnIndex: UnsafeMutableBufferPointer<Int32>
    private let columnShare: UnsafeMutableBufferPointer<Float>
    /// Per output column, the source columns it averages and their shares, laid out as runs
    /// (`runStart[j]..<runStart[j + 1]` in `runShare`, from source column `runFirst[j]`), so a
    /// whole row sums each output pixel in registers.
    private let runFirst: UnsafeMutableBufferPointer<Int32>
    private let runStart: UnsafeMutableBufferPointer<Int32>
    private let runShare: UnsafeMutableBufferPointer<Float>
    /// The same per source row.
    private let rowIndex: UnsafeMutableBufferPointer<Int32>
    private let rowShare: UnsafeMutableBufferPointer<Float>
    /// One source row's horizontal sums: premultiplied linear R, G, B and coverage per output column.
    private let rowSums: UnsafeMutableBufferPointer<Float>
    /// Open output rows' sums: two (a ring) while rows come in order, `height` once interlaced.
    private var open: UnsafeMutableBufferPointer<Float>
    /// Output rows below this are finished.
    private var finishedRows = 0
    /// The finished pixels: 3 bytes a pixel when flattened, 4 with straight alpha.
    private(set) var pixels: [UInt8]
    private let backdrop: (Float, Float, Float)

    /// Bytes this scaler holds (sums, weights and output): what a shrinking decode costs beyond
    /// the decoder's own rows. Tests pin it to the output's size, not the source's.
    var bytesHeld: Int {
        (columnIndex.count + rowIndex.count + runFirst.count + runStart.count) * 4
            + (columnShare.count + rowShare.count + runShare.count) * 4
            + (rowSums.count + open.count) * 4 + pixels.count
    }

    /// A scaler from `sourceWidth`×`sourceHeight`; an exact size larger than the source on either
    /// side is a programmer error (enlarging is `RGBImage.resized`'s job, after the decode).
    init(sourceWidth: Int, sourceHeight: Int, cut: Cut, result: Result, interlaced: Bool = false) {
        precondition(sourceWidth > 0 && sourceHeight > 0, "RowScaler needs a picture")
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.result = result
        self.interlaced = interlaced
        switch cut {
        case .exact(let size):
            precondition(
                size.width >= 1 && size.height >= 1 && size.width <= sourceWidth && size.height <= sourceHeight,
                "RowScaler only shrinks")
            width = size.width
            height = size.height
        case .factor(let factor):
            precondition(factor >= 1, "RowScaler needs a factor of at least 1")
            width = (sourceWidth + factor - 1) / factor
            height = (sourceHeight + factor - 1) / factor
        }
        columnIndex = .allocate(capacity: sourceWidth)
        columnShare = .allocate(capacity: sourceWidth * 2)
        rowIndex = .allocate(capacity: sourceHeight)
        rowShare = .allocate(capacity: sourceHeight * 2)
        Self.fillShares(source: sourceWidth, target: width, cut: cut, index: columnIndex, share: columnShare)
        runFirst = .allocate(capacity: width)
        runStart = .allocate(capacity: width + 1)
        runShare = .allocate(capacity: sourceWidth + width)
        Self.fillRuns(
            source: sourceWidth, target: width, index: columnIndex, share: columnShare, first: runFirst, start: runStart,
            runShare: runShare)
        Self.fillShares(source: sourceHeight, target: height, cut: cut, index: rowIndex, share: rowShare)
        rowSums = .allocate(capacity: width * 4)
        rowSums.initialize(repeating: 0)
        open = .allocate(capacity: width * 4 * (interlaced ? height : 2))
        open.initialize(repeating: 0)
        let channels = result == .straightAlpha ? 4 : 3
        pixels = [UInt8](repeating: 0, count: width * height * channels)
        if case .flattened(let red, let green, let blue) = result {
            let linear = SRGBTransfer.linear
            backdrop = (linear[Int(red)], linear[Int(green)], linear[Int(blue)])
        } else {
            backdrop = (0, 0, 0)
        }
    }

    deinit {
        columnIndex.deallocate()
        columnShare.deallocate()
        runFirst.deallocate()
        runStart.deallocate()
        runShare.deallocate()
        rowIndex.deallocate()
        rowShare.deallocate()
        rowSums.deallocate()
        open.deallocate()
    }

    /// Which output sample each source sample starts in and its two shares. For `.exact`, source
    /// sample i spans [i·target, (i+1)·target) and output j spans [j·source, (j+1)·source) in
    /// the same units, so the shares of one output sum to exactly 1; for `.factor`, a sample
    /// counts 1/(samples in its block).
    private static func fillShares(
        source: Int, target: Int, cut: Cut, index: UnsafeMutableBufferPointer<Int32>, share: UnsafeMutableBufferPointer<Float>
    ) {
        switch cut {
        case .exact:
            let unit = 1 / Float(source)
            for sample in 0..<source {
                let start = sample * target
                let end = start + target
                let output = start / source
                let boundary = (output + 1) * source
                index[sample] = Int32(output)
                share[sample * 2] = Float(min(end, boundary) - start) * unit
                share[sample * 2 + 1] = end > boundary ? Float(end - boundary) * unit : 0
            }
        case .factor(let factor):
            for sample in 0..<source {
                let output = sample / factor
                index[sample] = Int32(output)
                share[sample * 2] = 1 / Float(min(factor, source - output * factor))
                share[sample * 2 + 1] = 0
            }
        }
    }

    /// The per-source shares regrouped by output column (see `runFirst`).
    private static func fillRuns(
        source: Int, target: Int, index: UnsafeMutableBufferPointer<Int32>, share: UnsafeMutableBufferPointer<Float>,
        first: UnsafeMutableBufferPointer<Int32>, start: UnsafeMutableBufferPointer<Int32>,
        runShare: UnsafeMutableBufferPointer<Float>
    ) {
        var filled = 0
        var sample = 0
        for output in 0..<target {
            start[output] = Int32(filled)
            // A sample split with the previous output column starts this one's run.
            if sample > 0, Int(index[sample - 1]) == output - 1, share[(sample - 1) * 2 + 1] != 0 {
                first[output] = Int32(sample - 1)
                runShare[filled] = share[(sample - 1) * 2 + 1]
                filled += 1
            } else {
                first[output] = Int32(sample)
            }
            while sample < source, Int(index[sample]) == output {
                runShare[filled] = share[sample * 2]
                filled += 1
                sample += 1
            }
        }
        start[target] = Int32(filled)
    }

    /// Adds source row `y` (`sourceWidth` RGBA pixels). Rows must come top to bottom.
    func add(row y: Int, _ rgba: UnsafePointer<UInt8>) {
        guard !interlaced else {
            add(passRow: y, rgba, firstColumn: 0, step: 1, count: sourceWidth)
            return
        }
        guard y >= 0, y < sourceHeight, finishedRows < height else { return }
        let sums = rowSums.baseAddress!
        let first = runFirst.baseAddress!
        let start = runStart.baseAddress!
        let shares = runShare.baseAddress!
        SRGBTransfer.withTables { tables in
            let linear = tables.linear.baseAddress!
            for output in 0..<width {
                var red: Float = 0, green: Float = 0, blue: Float = 0, covered: Float = 0
                var pixel = rgba + Int(first[output]) * 4
                for run in Int(start[output])..<Int(start[output + 1]) {
                    let alpha = pixel[3]
                    if alpha == 255 {
                        let share = shares[run]
                        red += linear[Int(pixel[0])] * share
                        green += linear[Int(pixel[1])] * share
                        blue += linear[Int(pixel[2])] * share
                        covered += share
                    } else if alpha != 0 {
                        let share = shares[run] * Float(alpha) * (1 / 255)
                        red += linear[Int(pixel[0])] * share
                        green += linear[Int(pixel[1])] * share
                        blue += linear[Int(pixel[2])] * share
                        covered += share
                    }
                    pixel += 4
                }
                let target = sums + output * 4
                target[0] = red
                target[1] = green
                target[2] = blue
                target[3] = covered
            }
        }
        finishRow(y)
    }

    /// Adds one Adam7 pass row: `count` RGBA pixels for columns `firstColumn`, +`step`, … of
    /// source row `y`. Output rows are finished only by `finish()` from then on.
    func add(passRow y: Int, _ rgba: UnsafePointer<UInt8>, firstColumn: Int, step: Int, count: Int) {
        if !interlaced {
            // Rows held so far (none, for a decoder that announces Adam7 late) move into a
            // buffer with room for every output row.
            let whole = UnsafeMutableBufferPointer<Float>.allocate(capacity: width * 4 * height)
            whole.initialize(repeating: 0)
            for row in finishedRows..<min(height, finishedRows + 2) {
                let source = open.baseAddress! + (row % 2) * width * 4
                (whole.baseAddress! + row * width * 4).update(from: source, count: width * 4)
            }
            open.deallocate()
            open = whole
            interlaced = true
        }
        add(row: y, rgba, firstColumn: firstColumn, step: step, count: count)
    }

    private func add(row y: Int, _ rgba: UnsafePointer<UInt8>, firstColumn: Int, step: Int, count: Int) {
        guard y >= 0, y < sourceHeight, finishedRows < height else { return }
        let count = min(count, (sourceWidth - firstColumn + step - 1) / step)
        guard count > 0 else { return }
        let sums = rowSums.baseAddress!
        let columns = columnIndex.baseAddress!
        let shares = columnShare.baseAddress!
        SRGBTransfer.withTables { tables in
            let linear = tables.linear.baseAddress!
            for index in 0..<count {
                let pixel = rgba + index * 4
                let alpha = pixel[3]
                guard alpha != 0 else { continue }
                let x = firstColumn + index * step
                let coverage = alpha == 255 ? 1 : Float(alpha) * (1 / 255)
                let red = linear[Int(pixel[0])] * coverage
                let green = linear[Int(pixel[1])] * coverage
                let blue = linear[Int(pixel[2])] * coverage
                let target = sums + Int(columns[x]) * 4
                let first = shares[x * 2]
                target[0] += red * first
                target[1] += green * first
                target[2] += blue * first
                target[3] += coverage * first
                let second = shares[x * 2 + 1]
                if second != 0 {
                    target[4] += red * second
                    target[5] += green * second
                    target[6] += blue * second
                    target[7] += coverage * second
                }
            }
        }
        finishRow(y)
    }

    /// Spreads the row sums over the output rows source row `y` overlaps, and finishes those
    /// no later row reaches.
    private func finishRow(_ y: Int) {
        let output = Int(rowIndex[y])
        spread(into: output, share: rowShare[y * 2])
        if rowShare[y * 2 + 1] != 0, output + 1 < height {
            spread(into: output + 1, share: rowShare[y * 2 + 1])
        }
        rowSums.update(repeating: 0)
        // In order, the output row this source row started in is complete once no later source
        // row starts in it.
        if !interlaced {
            let last = y + 1 >= sourceHeight
            let through = last ? height : Int(rowIndex[y + 1])
            while finishedRows < through { emit(finishedRows) }
        }
    }

    /// Adds the row sums, times `share`, to output row `row`'s open sums.
    private func spread(into row: Int, share: Float) {
        let target = open.baseAddress! + slot(row) * width * 4
        let sums = rowSums.baseAddress!
        for index in 0..<(width * 4) {
            target[index] += sums[index] * share
        }
    }

    /// Where output row `row` is kept among the open rows.
    private func slot(_ row: Int) -> Int { interlaced ? row : row % 2 }

    /// Finishes every output row still open (all of them for Adam7); call once the decoder is done.
    func finish() {
        while finishedRows < height { emit(finishedRows) }
    }

    /// Encodes output row `row` and clears its sums for reuse.
    private func emit(_ row: Int) {
        let sums = open.baseAddress! + slot(row) * width * 4
        let width = width
        let backdrop = backdrop
        let result = result
        SRGBTransfer.withTables { tables in
            pixels.withUnsafeMutableBufferPointer { output in
                switch result {
                case .flattened:
                    let base = row * width * 3
                    for column in 0..<width {
                        let pixel = sums + column * 4
                        let uncovered = max(0, 1 - pixel[3])
                        output[base + column * 3] = tables.encode(pixel[0] + uncovered * backdrop.0)
                        output[base + column * 3 + 1] = tables.encode(pixel[1] + uncovered * backdrop.1)
                        output[base + column * 3 + 2] = tables.encode(pixel[2] + uncovered * backdrop.2)
                    }
                case .straightAlpha:
                    let base = row * width * 4
                    for column in 0..<width {
                        let pixel = sums + column * 4
                        let offset = base + column * 4
                        guard pixel[3] > 0 else {
                            output[offset] = 0
                            output[offset + 1] = 0
                            output[offset + 2] = 0
                            output[offset + 3] = 0
                            continue
                        }
                        let scale = 1 / pixel[3]
                        output[offset] = tables.encode(pixel[0] * scale)
                        output[offset + 1] = tables.encode(pixel[1] * scale)
                        output[offset + 2] = tables.encode(pixel[2] * scale)
                        output[offset + 3] = UInt8(min(255, (pixel[3] * 255).rounded()))
                    }
                }
            }
        }
        (sums).update(repeating: 0, count: width * 4)
        finishedRows += 1
    }

    /// The flattened picture (only for `.flattened`).
    var flatImage: RGBImage { RGBImage(width: width, height: height, pixels: pixels) }

    /// The straight-alpha picture (only for `.straightAlpha`).
    var alphaImage: RGBAImage { RGBAImage(width: width, height: height, pixels: pixels) }
}
