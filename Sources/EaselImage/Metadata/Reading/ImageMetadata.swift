/// What an image file says about how it was made: every text entry found, and the entries
/// understood as Easel, AUTOMATIC1111, ComfyUI or InvokeAI metadata.
///
/// All text comes from the file and is untrusted; `summaryLines()` and `jsonReport()` clean it
/// for display, the fields keep it as found.
public struct ImageMetadata: Sendable, Equatable {
    /// One text entry as found in the file.
    public struct TextEntry: Sendable, Equatable {
        /// The PNG keyword, or for other containers the field name (`UserComment`, `XMP`, …).
        public var keyword: String
        /// The text, decoded (and inflated) but otherwise as stored.
        public var text: String
        /// Where it came from: `tEXt`, `zTXt`, `iTXt`, `Exif`, `XMP` or `COM`.
        public var container: String

        /// An entry from its parts.
        public init(keyword: String, text: String, container: String) {
            self.keyword = keyword
            self.text = text
            self.container = container
        }
    }

    /// The container format.
    public var format: ImageFormat
    /// Pixel width from the header, when it could be read.
    public var width: Int?
    /// Pixel height from the header, when it could be read.
    public var height: Int?
    /// Every text entry, in file order.
    public var textEntries: [TextEntry]
    /// The entries understood, Easel first.
    public var sources: [MetadataSource]
    /// Entries that claim a known kind but could not be read, as one-line messages such as
    /// "unreadable ComfyUI metadata: expected ',' or '}' at byte 12".
    public var problems: [String]
    /// The Easel record, when the file has a readable one.
    public var easelRecord: EaselImageRecord?
    /// The AUTOMATIC1111 infotext (`parameters` or Exif UserComment), when present.
    public var infotext: Infotext?

    /// Metadata with raw entries only; the reader then interprets them.
    public init(format: ImageFormat, width: Int?, height: Int?, textEntries: [TextEntry]) {
        self.format = format
        self.width = width
        self.height = height
        self.textEntries = textEntries
        self.sources = []
        self.problems = []
    }

    /// The text of the first entry called `keyword`.
    public func text(for keyword: String) -> String? {
        textEntries.first { $0.keyword == keyword }?.text
    }
}
