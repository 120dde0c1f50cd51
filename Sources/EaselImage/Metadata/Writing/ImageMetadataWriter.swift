/// Writes Easel's metadata into image files as the server sent them, never re-encoding the image:
/// the AUTOMATIC1111 infotext (for the many tools that read it) and the full Easel record
/// as JSON (for Easel itself).
///
/// | format | infotext                           | Easel record                  |
/// |--------|------------------------------------|-------------------------------|
/// | PNG    | `parameters` tEXt (iTXt if needed) | `easel` iTXt                  |
/// | JPEG   | Exif UserComment (APP1)            | XMP `easel:record` (APP1)     |
/// | WebP   | Exif UserComment (`EXIF` chunk)    | XMP `easel:record` (`XMP `)   |
public enum ImageMetadataWriter {
    /// The PNG text keyword AUTOMATIC1111 stores its infotext under.
    public static let infotextKeyword = "parameters"
    /// The PNG text keyword of the Easel record.
    public static let recordKeyword = "easel"

    /// Returns `bytes` with `infotext` and `record` embedded, replacing any earlier copies.
    /// Throws when the file is not PNG, JPEG or WebP or is damaged; never traps on bad input.
    public static func embed(
        infotext: String, record: EaselImageRecord, into bytes: [UInt8]
    ) throws(ImageMetadataError) -> ImageMetadataEmbedding {
        guard !infotext.unicodeScalars.contains("\u{0}") else { throw .invalidText(keyword: infotextKeyword) }
        let json = try record.jsonText()
        switch ImageFormat.sniff(bytes) {
        case .png: return ImageMetadataEmbedding(bytes: try embedPNG(infotext: infotext, recordJSON: json, into: bytes))
        case .jpeg: return try embedJPEG(infotext: infotext, recordJSON: json, into: bytes)
        case .webp: return ImageMetadataEmbedding(bytes: try embedWebP(infotext: infotext, recordJSON: json, into: bytes))
        case nil: throw .unrecognizedFormat
        }
    }
}
