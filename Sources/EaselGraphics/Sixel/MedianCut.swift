import EaselPixels

/// Builds an adaptive palette from a colour histogram by recursive box splitting.
///
/// The box with the largest squared error is split next, along its channel of largest
/// variance, at the point that minimises the two halves' summed squared error (Wu's
/// criterion rather than the plain median: it spends colours where they reduce error most,
/// so small but distinct regions such as a face keep their own shades).
enum MedianCut {
    /// One populated histogram bin: its mean colour and pixel count.
    struct Entry {
        var channels: (Double, Double, Double)
        var weight: Double
        var bin: Int

        @inline(__always)
        func channel(_ axis: Int) -> Double {
            axis == 0 ? channels.0 : axis == 1 ? channels.1 : channels.2
        }
    }

    /// A run of entries (`start..<end`) with its squared error and widest channel.
    struct Box {
        var start: Int
        var end: Int
        var error: Double
        var axis: Int
    }

    /// Up to `maxColors` colours for the pixels counted in `histogram`, and for each populated
    /// bin the palette entry of the box it ended in (-1 elsewhere): a near-certain nearest
    /// colour that lets the exact nearest search stop early.
    static func palette(_ histogram: ColorHistogram, maxColors: Int) -> (colors: [RGBColor], boxOfBin: [Int16]) {
        var entries = histogram.populated.map { bin -> Entry in
            let (red, green, blue) = histogram.mean(of: bin)
            return Entry(
                channels: (Double(red), Double(green), Double(blue)), weight: Double(histogram.counts[bin]), bin: bin)
        }
        var boxOfBin = [Int16](repeating: -1, count: ColorHistogram.binCount)
        guard !entries.isEmpty else { return ([], boxOfBin) }
        var boxes = [makeBox(entries, 0, entries.count)]
        while boxes.count < maxColors {
            guard let worst = boxes.indices.max(by: { boxes[$0].error < boxes[$1].error }),
                boxes[worst].error > 0
            else { break }
            let box = boxes[worst]
            sortByChannel(&entries, box.start..<box.end, axis: box.axis)
            let split = bestSplit(entries, box)
            boxes[worst] = makeBox(entries, box.start, split)
            boxes.append(makeBox(entries, split, box.end))
        }
        for (index, box) in boxes.enumerated() {
            for entry in entries[box.start..<box.end] { boxOfBin[entry.bin] = Int16(index) }
        }
        let colors = boxes.map { box in
            var sums = (0.0, 0.0, 0.0)
            var weight = 0.0
            for entry in entries[box.start..<box.end] {
                sums.0 += entry.channels.0 * entry.weight
                sums.1 += entry.channels.1 * entry.weight
                sums.2 += entry.channels.2 * entry.weight
                weight += entry.weight
            }
            return RGBColor(
                UInt8((sums.0 / weight).rounded()), UInt8((sums.1 / weight).rounded()),
                UInt8((sums.2 / weight).rounded()))
        }
        return (colors, boxOfBin)
    }

    /// Sorts `entries[range]` by one channel with a counting sort: the channels are whole
    /// numbers 0–255, and a comparison sort of thousands of entries per split was most of
    /// the quantiser's time.
    static func sortByChannel(_ entries: inout [Entry], _ range: Range<Int>, axis: Int) {
        var starts = [Int](repeating: 0, count: 257)
        for index in range { starts[Int(entries[index].channel(axis)) + 1] += 1 }
        for value in 1...256 { starts[value] += starts[value - 1] }
        let original = Array(entries[range])
        for entry in original {
            let value = Int(entry.channel(axis))
            entries[range.lowerBound + starts[value]] = entry
            starts[value] += 1
        }
    }

    /// Measures a box: squared error around its mean and the channel with most variance.
    static func makeBox(_ entries: [Entry], _ start: Int, _ end: Int) -> Box {
        var weight = 0.0
        var sums = [0.0, 0.0, 0.0]
        var squares = [0.0, 0.0, 0.0]
        for entry in entries[start..<end] {
            weight += entry.weight
            for axis in 0..<3 {
                let value = entry.channel(axis)
                sums[axis] += value * entry.weight
                squares[axis] += value * value * entry.weight
            }
        }
        let variances = (0..<3).map { squares[$0] - sums[$0] * sums[$0] / weight }
        let axis = variances.indices.max { variances[$0] < variances[$1] } ?? 0
        // A single bin cannot be split, whatever its (sub-bin) spread.
        let error = end - start > 1 ? max(0, variances.reduce(0, +)) : 0
        return Box(start: start, end: end, error: error, axis: axis)
    }

    /// The index that splits the sorted `box` into two non-empty halves with the least
    /// summed squared error.
    static func bestSplit(_ entries: [Entry], _ box: Box) -> Int {
        var totalWeight = 0.0
        var totalSums = (0.0, 0.0, 0.0)
        for entry in entries[box.start..<box.end] {
            totalWeight += entry.weight
            totalSums.0 += entry.channels.0 * entry.weight
            totalSums.1 += entry.channels.1 * entry.weight
            totalSums.2 += entry.channels.2 * entry.weight
        }
        // Σw·|c|² is the same for every split, so minimising the error means maximising
        // |S_left|²/W_left + |S_right|²/W_right.
        var best = box.start + 1
        var bestScore = -Double.infinity
        var weight = 0.0
        var sums = (0.0, 0.0, 0.0)
        for index in box.start..<(box.end - 1) {
            let entry = entries[index]
            weight += entry.weight
            sums.0 += entry.channels.0 * entry.weight
            sums.1 += entry.channels.1 * entry.weight
            sums.2 += entry.channels.2 * entry.weight
            let rest = totalWeight - weight
            let left = (sums.0 * sums.0 + sums.1 * sums.1 + sums.2 * sums.2) / weight
            let right0 = totalSums.0 - sums.0
            let right1 = totalSums.1 - sums.1
            let right2 = totalSums.2 - sums.2
            let right = (right0 * right0 + right1 * right1 + right2 * right2) / rest
            if left + right > bestScore {
                bestScore = left + right
                best = index + 1
            }
        }
        return best
    }
}
