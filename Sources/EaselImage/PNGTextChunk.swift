/// One validated `tEXt` or `iTXt` chunk, ready to be spliced into a PNG stream.
struct PNGTextChunk: Equatable {
    /// The four-byte chunk type, `tEXt` or `iTXt`.
    let type: [UInt8]
    /// The chunk body, without length, type or CRC.
    let data: [UInt8]

    /// PNG caps every chunk body at 2^31 - 1 bytes.
    private static let maximumDataLength = Int(Int32.max)

    /// Validates a keyword/text pair and picks the chunk type.
    ///
    /// Latin-1 text goes in `tEXt`, which every PNG reader understands; anything else needs
    /// `iTXt`, stored uncompressed so readers without zlib handling still see it.
    init(keyword: String, text: String) throws(ImageEncodingError) {
        guard let keywordBytes = Self.keywordBytes(keyword) else {
            throw .invalidTextKeyword(keyword)
        }
        guard !text.unicodeScalars.contains("\u{0}") else {
            throw .invalidTextValue(keyword: keyword)
        }
        var data = keywordBytes
        data.append(0)
        if let latin1 = Self.latin1Bytes(text) {
            type = Array("tEXt".utf8)
            data.append(contentsOf: latin1)
        } else {
            type = Array("iTXt".utf8)
            // Compression flag and method, then empty language tag and translated keyword.
            data.append(contentsOf: [0, 0, 0, 0])
            data.append(contentsOf: text.utf8)
        }
        guard data.count <= Self.maximumDataLength else {
            throw .invalidTextValue(keyword: keyword)
        }
        self.data = data
    }

    /// The full chunk: big-endian length, type, data and CRC over type + data.
    var serialized: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count + 12)
        bytes.appendBigEndian(UInt32(data.count))
        bytes.append(contentsOf: type)
        bytes.append(contentsOf: data)
        let crc = CRC32.update(CRC32.checksum(of: type), with: data)
        bytes.appendBigEndian(crc)
        return bytes
    }

    /// Keyword bytes if the keyword follows the PNG rules, else nil.
    ///
    /// The spec allows 1–79 printable Latin-1 characters (32–126, 161–255) and forbids
    /// leading, trailing and consecutive spaces, since readers compare keywords literally.
    static func keywordBytes(_ keyword: String) -> [UInt8]? {
        guard let bytes = latin1Bytes(keyword), (1...79).contains(bytes.count) else { return nil }
        let printable = bytes.allSatisfy { (32...126).contains($0) || (161...255).contains($0) }
        guard printable, bytes.first != 32, bytes.last != 32 else { return nil }
        for index in bytes.indices.dropFirst() where bytes[index] == 32 && bytes[index - 1] == 32 {
            return nil
        }
        return bytes
    }

    /// The ISO 8859-1 encoding of `text`, or nil if some scalar lies outside it.
    static func latin1Bytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }
}

extension [UInt8] {
    /// Appends `value` most significant byte first, as PNG stores all integers.
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
