/// `BoxWeights` turned into normalised Float weights laid out for a tight inner loop.
struct ResampleWeights {
    /// First source sample of each output sample.
    let firstSource: [Int]
    /// Start of each output's run in `weights`, plus one closing entry.
    let runStart: [Int]
    /// Fraction of each output covered by each contributing source sample; a run sums to 1.
    let weights: [Float]

    /// Weights for resampling `source` samples to `target` (both at least 1).
    init(source: Int, target: Int) {
        let box = BoxWeights(source: source, target: target)
        firstSource = box.firstSource
        runStart = box.runStart
        let scale = 1 / Float(source)
        weights = box.weights.map { Float($0) * scale }
    }
}
