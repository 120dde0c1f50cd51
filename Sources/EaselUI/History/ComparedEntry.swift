import EaselCore
import Foundation

/// One side of a comparison: the entry, the request that made it and its first image.
public struct ComparedEntry: Sendable, Hashable {
    public var id: Int64
    public var created: Date
    public var request: GenerationRequest?
    public var image: ImageRow?

    /// Creates a side.
    public init(id: Int64, created: Date, request: GenerationRequest?, image: ImageRow?) {
        self.id = id
        self.created = created
        self.request = request
        self.image = image
    }
}
