/// The Exif (TIFF) block Easel writes into JPEG APP1 segments and WebP `EXIF` chunks, and the
/// few Exif fields Easel reads back.
///
/// AUTOMATIC1111 stores its infotext for JPEG and WebP as the Exif UserComment (tag 0x9286,
/// type UNDEFINED) through piexif, as `"UNICODE\0"` followed by UTF-16. piexif always writes a
/// big-endian ("MM") TIFF with UTF-16BE text, so Easel does the same: readers that honour the
/// TIFF byte order (exiftool, Pillow) and readers that assume big-endian (piexif) then agree.
enum ExifBlock {
    /// What precedes the TIFF block in a JPEG APP1 segment.
    static let jpegPrefix: [UInt8] = Array("Exif".utf8) + [0, 0]
    /// The UserComment character-code prefixes of the Exif spec.
    static let unicodePrefix: [UInt8] = Array("UNICODE".utf8) + [0]
    static let asciiPrefix: [UInt8] = Array("ASCII".utf8) + [0, 0, 0]
    static let jisPrefix: [UInt8] = Array("JIS".utf8) + [0, 0, 0, 0, 0]
    static let undefinedPrefix = [UInt8](repeating: 0, count: 8)

    /// Tag numbers used here.
    static let exifIFDPointerTag = 0x8769
    static let exifVersionTag = 0x9000
    static let userCommentTag = 0x9286

    /// Bytes of the TIFF block around the comment text: header (8), IFD0 with one entry (18),
    /// Exif IFD with two entries (30) and the UserComment prefix (8).
    static let overhead = 8 + 18 + 30 + 8

    /// A big-endian TIFF block whose Exif IFD holds ExifVersion 0232 and `comment` as a
    /// UNICODE UserComment. With `maximumSize`, the comment is cut (between characters, never
    /// inside a surrogate pair) so the block fits; the result says whether that happened.
    static func tiff(userComment comment: String, maximumSize: Int? = nil) -> (bytes: [UInt8], truncated: Bool) {
        var units = Array(comment.utf16)
        var truncated = false
        if let maximumSize, overhead + units.count * 2 > maximumSize {
            let budget = max(0, (maximumSize - overhead) / 2)
            var kept = 0
            for scalar in comment.unicodeScalars {
                let width = UTF16.width(scalar)
                guard kept + width <= budget else { break }
                kept += width
            }
            units.removeSubrange(kept...)
            truncated = true
        }
        let order = ByteOrder.bigEndian
        var bytes: [UInt8] = Array("MM".utf8)
        order.append16(42, to: &bytes)
        order.append32(8, to: &bytes)
        // IFD0: one entry, the pointer to the Exif IFD that follows it at offset 26.
        order.append16(1, to: &bytes)
        appendEntry(tag: exifIFDPointerTag, type: 4, count: 1, field: offsetField(26, order), order: order, to: &bytes)
        order.append32(0, to: &bytes)
        // Exif IFD at 26: entries in ascending tag order, as TIFF requires; data at 56.
        order.append16(2, to: &bytes)
        // A four-byte UNDEFINED value sits inline, as bytes in stream order.
        appendEntry(tag: exifVersionTag, type: 7, count: 4, field: Array("0232".utf8), order: order, to: &bytes)
        appendEntry(
            tag: userCommentTag, type: 7, count: 8 + units.count * 2, field: offsetField(56, order), order: order,
            to: &bytes)
        order.append32(0, to: &bytes)
        bytes += unicodePrefix
        for unit in units {
            order.append16(Int(unit), to: &bytes)
        }
        return (bytes, truncated)
    }

    /// One 12-byte IFD entry; `field` is the 4-byte value-or-offset field.
    private static func appendEntry(
        tag: Int, type: Int, count: Int, field: [UInt8], order: ByteOrder, to bytes: inout [UInt8]
    ) {
        order.append16(tag, to: &bytes)
        order.append16(type, to: &bytes)
        order.append32(count, to: &bytes)
        bytes += field
    }

    private static func offsetField(_ offset: Int, _ order: ByteOrder) -> [UInt8] {
        var field: [UInt8] = []
        order.append32(offset, to: &field)
        return field
    }
}
