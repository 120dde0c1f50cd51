extension ExifBlock {
    /// The text fields Easel looks at in an Exif block, named as exiftool names them.
    struct Fields: Equatable {
        /// IFD0 ASCII fields present: `ImageDescription`, `Make`, `Model`, `Software`, `Artist`.
        var ifd0Text: [(name: String, text: String)] = []
        /// The decoded UserComment of the Exif IFD.
        var userComment: String?

        static func == (lhs: Fields, rhs: Fields) -> Bool {
            lhs.userComment == rhs.userComment
                && lhs.ifd0Text.map(\.name) == rhs.ifd0Text.map(\.name)
                && lhs.ifd0Text.map(\.text) == rhs.ifd0Text.map(\.text)
        }
    }

    /// IFD0 ASCII tags worth reporting. ComfyUI's WebP and animated savers put
    /// `prompt:{…}` and `workflow:{…}` into Make and Model, and other tools use
    /// ImageDescription for prompts.
    static let ifd0TextTags: [Int: String] = [
        0x010E: "ImageDescription", 0x010F: "Make", 0x0110: "Model", 0x0131: "Software", 0x013B: "Artist",
    ]

    /// An IFD with more entries than this is treated as damage rather than walked.
    private static let maximumEntries = 1024

    /// Reads the fields from a TIFF block (a JPEG APP1 payload after `Exif\0\0`, a WebP `EXIF`
    /// chunk, a PNG `eXIf` chunk). Damaged parts are skipped, never trusted: nil only when the
    /// TIFF header itself is not there.
    static func read(_ tiff: ArraySlice<UInt8>) -> Fields? {
        let base = tiff.startIndex
        let order: ByteOrder
        if tiff.starts(with: Array("MM".utf8)) {
            order = .bigEndian
        } else if tiff.starts(with: Array("II".utf8)) {
            order = .littleEndian
        } else {
            return nil
        }
        guard order.uint16(tiff, at: base + 2) == 42, let ifd0 = order.uint32(tiff, at: base + 4) else { return nil }
        var fields = Fields()
        var exifIFD: Int?
        for entry in entries(tiff, at: ifd0, order: order) {
            if entry.tag == exifIFDPointerTag, entry.count == 1, entry.type == 4 || entry.type == 13 {
                exifIFD = order.uint32(tiff, at: entry.fieldOffset)
            } else if let name = ifd0TextTags[entry.tag], entry.type == 2 || entry.type == 1 || entry.type == 7,
                let value = value(of: entry, in: tiff, order: order)
            {
                fields.ifd0Text.append((name, decodeText(trimmingNULs(value))))
            }
        }
        if let exifIFD, exifIFD != ifd0 {
            for entry in entries(tiff, at: exifIFD, order: order) where entry.tag == userCommentTag {
                if let value = value(of: entry, in: tiff, order: order) {
                    fields.userComment = decodeUserComment(value, order: order)
                }
            }
        }
        return fields
    }

    /// One 12-byte IFD entry; `fieldOffset` is where its value-or-offset field sits.
    private struct Entry {
        var tag: Int
        var type: Int
        var count: Int
        var fieldOffset: Int
    }

    /// The entries of the IFD at `offset` (relative to the TIFF start), or none when it lies
    /// outside the block or claims too many entries.
    private static func entries(_ tiff: ArraySlice<UInt8>, at offset: Int, order: ByteOrder) -> [Entry] {
        let start = tiff.startIndex + offset
        guard offset >= 8, let count = order.uint16(tiff, at: start), count <= maximumEntries,
            start + 2 + count * 12 <= tiff.endIndex
        else { return [] }
        return (0..<count).compactMap { index in
            let position = start + 2 + index * 12
            guard let tag = order.uint16(tiff, at: position), let type = order.uint16(tiff, at: position + 2),
                let count = order.uint32(tiff, at: position + 4)
            else { return nil }
            return Entry(tag: tag, type: type, count: count, fieldOffset: position + 8)
        }
    }

    /// The bytes of a BYTE/ASCII/UNDEFINED entry: inline when four or fewer, else at the offset.
    private static func value(of entry: Entry, in tiff: ArraySlice<UInt8>, order: ByteOrder) -> ArraySlice<UInt8>? {
        guard [1, 2, 7].contains(entry.type) else { return nil }
        if entry.count <= 4 {
            return tiff[entry.fieldOffset..<(entry.fieldOffset + entry.count)]
        }
        guard let offset = order.uint32(tiff, at: entry.fieldOffset), offset <= tiff.count,
            entry.count <= tiff.count - offset
        else { return nil }
        let start = tiff.startIndex + offset
        return tiff[start..<(start + entry.count)]
    }

    /// Decodes a UserComment by its 8-byte character-code prefix.
    ///
    /// UNICODE text should follow the TIFF byte order, but piexif always writes UTF-16BE and
    /// Pillow may re-save such a comment inside a little-endian ("II") block; so a byte order
    /// mark wins, then whichever order puts more zero bytes in the high-byte positions (mostly
    /// ASCII text), then the TIFF order. JIS has no decoder here and is read like undefined text.
    static func decodeUserComment(_ value: ArraySlice<UInt8>, order: ByteOrder) -> String {
        guard value.count >= 8 else { return decodeText(trimmingNULs(value)) }
        let prefix = Array(value.prefix(8))
        let body = value.dropFirst(8)
        guard prefix == unicodePrefix else {
            return decodeText(trimmingNULs(body))
        }
        var units = body.prefix(body.count & ~1)
        var textOrder = order
        if units.starts(with: [0xFE, 0xFF]) {
            textOrder = .bigEndian
            units = units.dropFirst(2)
        } else if units.starts(with: [0xFF, 0xFE]) {
            textOrder = .littleEndian
            units = units.dropFirst(2)
        } else {
            var zeros = (even: 0, odd: 0)
            for (index, byte) in units.enumerated() where byte == 0 {
                if index % 2 == 0 { zeros.even += 1 } else { zeros.odd += 1 }
            }
            if zeros.even != zeros.odd { textOrder = zeros.even > zeros.odd ? .bigEndian : .littleEndian }
        }
        var codeUnits: [UInt16] = []
        codeUnits.reserveCapacity(units.count / 2)
        var index = units.startIndex
        while index < units.endIndex {
            codeUnits.append(UInt16(textOrder.uint16(units, at: index) ?? 0))
            index += 2
        }
        while codeUnits.last == 0 { codeUnits.removeLast() }
        return String(decoding: codeUnits, as: UTF16.self)
    }

    /// Text of unknown encoding: UTF-8 when valid (what most tools write, even in "ASCII"
    /// fields), else Latin-1, which every byte sequence is.
    static func decodeText(_ bytes: ArraySlice<UInt8>) -> String {
        // `transcode` rather than `String(validating:)`, which needs macOS 15.
        let invalid = transcode(bytes.makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: true) { _ in }
        if !invalid { return String(decoding: bytes, as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    private static func trimmingNULs(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var trimmed = bytes
        while trimmed.last == 0 { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
