/// The outcome of embedding metadata: the new file bytes, and notes on anything that did not
/// fit as asked.
public struct ImageMetadataEmbedding: Sendable, Equatable {
    /// Something the writer had to leave out or shorten.
    public enum Note: Sendable, Equatable, CustomStringConvertible {
        /// The XMP packet (the Easel record) was larger than one JPEG APP1 segment and was left out.
        case xmpOmitted(bytes: Int, limit: Int)
        /// The infotext was too long for one JPEG Exif segment; the UserComment keeps a prefix.
        case userCommentTruncated(characters: Int, keptCharacters: Int)

        /// A one-line explanation fit for showing to a user.
        public var description: String {
            switch self {
            case .xmpOmitted(let bytes, let limit):
                return "The Easel record (\(bytes) bytes of XMP) is larger than a JPEG segment allows (\(limit) bytes) and was not embedded."
            case .userCommentTruncated(let characters, let kept):
                return "The generation parameters (\(characters) characters) were cut to \(kept) characters to fit the JPEG Exif segment."
            }
        }
    }

    /// The image with metadata; the image data itself is unchanged.
    public var bytes: [UInt8]
    /// Empty when everything was embedded in full.
    public var notes: [Note]

    /// A result from its parts.
    public init(bytes: [UInt8], notes: [Note] = []) {
        self.bytes = bytes
        self.notes = notes
    }
}
