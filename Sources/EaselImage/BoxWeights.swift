/// Which source samples feed each output sample of a 1-D area-average resample, and how much.
///
/// Output sample `i` covers source span `[i * source, (i + 1) * source)` in units of
/// 1/`target` pixel, so every overlap is a whole number and the weights of one output sum
/// to exactly `source`. When enlarging, each output covers less than one source sample, so the
/// box filter degenerates to area-weighted sampling of at most two neighbours.
struct BoxWeights {
    /// First source index feeding each output index.
    let firstSource: [Int]
    /// Start of each output index's run in `weights`; one extra entry closes the last run.
    let runStart: [Int]
    /// Overlap of each contributing source sample, in 1/`target` pixel units.
    let weights: [Int]

    /// Precomputes weights for resampling `source` samples to `target` (both at least 1).
    init(source: Int, target: Int) {
        precondition(target >= 1 && source >= 1, "BoxWeights needs at least one sample each side")
        var firstSource: [Int] = []
        var runStart: [Int] = [0]
        var weights: [Int] = []
        firstSource.reserveCapacity(target)
        runStart.reserveCapacity(target + 1)
        weights.reserveCapacity(source + 2 * target)
        for index in 0..<target {
            let low = index * source
            let high = low + source
            let first = low / target
            let last = (high - 1) / target
            firstSource.append(first)
            for sourceIndex in first...last {
                let overlap = Swift.min(high, (sourceIndex + 1) * target) - Swift.max(low, sourceIndex * target)
                weights.append(overlap)
            }
            runStart.append(weights.count)
        }
        self.firstSource = firstSource
        self.runStart = runStart
        self.weights = weights
    }

    /// The (source index, weight) pairs that make up output sample `index`.
    func contributions(to index: Int) -> some Sequence<(Int, Int)> {
        let first = firstSource[index]
        return weights[runStart[index]..<runStart[index + 1]].enumerated().lazy.map { (first + $0.offset, $0.element) }
    }
}
