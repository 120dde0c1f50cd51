import EaselCore

/// What an edit or variation worked on, journalled with its job before it is sent, so a job
/// finished after a restart records the same lineage as one that was not interrupted.
public struct JournalEdit: Sendable, Hashable, Codable {
    public var operation: ImageOperation
    /// The history entry of the first input, when the history knows it.
    public var parent: Int64?
    public var inputs: [InputImage]
    public var mask: InputImage?

    public init(operation: ImageOperation, parent: Int64?, inputs: [InputImage], mask: InputImage?) {
        self.operation = operation
        self.parent = parent
        self.inputs = inputs
        self.mask = mask
    }

    /// `result` with this lineage, as `runEdit` would have returned it.
    public func applied(to result: GenerationResult) -> GenerationResult {
        var result = result
        result.operation = operation
        result.inputs = inputs
        result.mask = mask
        result.parent = parent
        return result
    }
}
