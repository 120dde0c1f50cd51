/// A preview of an image still being made, as a streaming provider sends it (OpenAI's
/// `image_generation.partial_image`), saved to disk so a viewer can show it.
public struct PartialImage: Sendable, Hashable {
    /// The provider's 0-based `partial_image_index`: later partials are closer to the final.
    public var index: Int
    /// How many partial images of this job arrived before this one (0 for the first), across
    /// all the job's images.
    public var sequence: Int
    /// The file, under a `<stem>-partial-<n>` name in the image directory.
    public var image: SavedImage

    /// Creates a partial image.
    public init(index: Int, sequence: Int, image: SavedImage) {
        self.index = index
        self.sequence = sequence
        self.image = image
    }
}
