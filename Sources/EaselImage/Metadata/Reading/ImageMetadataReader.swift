/// Reads generation metadata from PNG, JPEG and WebP files: collects every text entry, then
/// interprets Easel, AUTOMATIC1111, ComfyUI and InvokeAI metadata among them.
public enum ImageMetadataReader {
    /// The most text all compressed chunks of one file may inflate to together. Real metadata
    /// is kilobytes; a ComfyUI workflow rarely passes a megabyte.
    public static let inflateLimit = 8 << 20

    /// Reads `bytes`. Throws when the file is not PNG, JPEG or WebP, its structure is broken
    /// (bad CRC, truncated chunk or segment) or a compressed chunk is damaged or inflates past
    /// `inflateLimit`. Unreadable metadata inside a sound file is reported in `problems`.
    public static func read(_ bytes: [UInt8]) throws(ImageMetadataError) -> ImageMetadata {
        guard let format = ImageFormat.sniff(bytes) else { throw .unrecognizedFormat }
        var collector = TextCollector(inflater: Inflater(budget: inflateLimit))
        switch format {
        case .png: try collector.collectPNG(bytes)
        case .jpeg: try collector.collectJPEG(bytes)
        case .webp: try collector.collectWebP(bytes)
        }
        let header = ImageHeader(bytes)
        var metadata = ImageMetadata(
            format: format, width: header?.width, height: header?.height, textEntries: collector.entries)
        metadata.problems = collector.problems
        metadata.interpret()
        return metadata
    }
}

/// Gathers text entries while walking a file.
struct TextCollector {
    var inflater: Inflater
    var entries: [ImageMetadata.TextEntry] = []
    var problems: [String] = []

    /// Adds the text fields of an Exif block. ComfyUI's WebP savers store `prompt:{…}` and
    /// `workflow:{…}` in IFD0 text tags, so a `name:` prefix before JSON becomes the keyword.
    mutating func addExif(_ tiff: ArraySlice<UInt8>) {
        guard let fields = ExifBlock.read(tiff) else {
            problems.append("unreadable Exif metadata: the TIFF header is missing")
            return
        }
        for (name, text) in fields.ifd0Text {
            if let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy({ $0.isLetter || $0 == "_" }),
                let next = text[text.index(after: colon)...].first, next == "{" || next == "["
            {
                entries.append(.init(keyword: String(text[..<colon]), text: String(text[text.index(after: colon)...]), container: "Exif"))
            } else {
                entries.append(.init(keyword: name, text: text, container: "Exif"))
            }
        }
        if let comment = fields.userComment, !comment.isEmpty {
            entries.append(.init(keyword: "UserComment", text: comment, container: "Exif"))
        }
    }

    /// Adds an XMP packet: the Easel record when it has one, else the packet itself.
    mutating func addXMP(_ payload: ArraySlice<UInt8>) {
        let packet = String(decoding: payload, as: UTF8.self)
        if let json = XMPPacket.recordJSON(in: packet) {
            entries.append(.init(keyword: ImageMetadataWriter.recordKeyword, text: json, container: "XMP"))
        } else {
            entries.append(.init(keyword: "XMP", text: packet, container: "XMP"))
        }
    }
}
