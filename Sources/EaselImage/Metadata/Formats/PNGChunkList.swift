/// The chunks of a PNG stream, located in the original bytes and checked: signature, IHDR
/// first, every length in bounds, every CRC right, IEND present.
///
/// Metadata is written by copying chunks byte for byte, so walking only needs positions;
/// nothing here decodes image data.
struct PNGChunkList {
    /// One chunk: its type and where its parts sit in the stream.
    struct Chunk {
        /// The four type bytes as text, e.g. `IHDR`, `tEXt`.
        var type: String
        /// The whole chunk: length, type, data and CRC.
        var range: Range<Int>
        /// The chunk data alone.
        var dataRange: Range<Int>
    }

    /// The chunks from IHDR to IEND, in stream order.
    let chunks: [Chunk]
    /// Bytes after IEND. Readers ignore them; writers keep them rather than silently drop data.
    let trailing: Range<Int>

    /// PNG caps chunk lengths at 2^31 − 1.
    private static let maximumLength = Int(Int32.max)

    /// Walks `bytes`, throwing `.malformedPNG` at the first structural problem.
    init(_ bytes: [UInt8]) throws(ImageMetadataError) {
        guard bytes.starts(with: PNGEncoder.signature) else { throw .malformedPNG("the PNG signature is missing") }
        var chunks: [Chunk] = []
        var offset = PNGEncoder.signature.count
        let order = ByteOrder.bigEndian
        let all = bytes[...]
        while true {
            guard bytes.count - offset >= 12, let length = order.uint32(all, at: offset) else {
                throw .malformedPNG("the file ends inside chunk \(chunks.count + 1) (no IEND)")
            }
            let typeBytes = bytes[(offset + 4)..<(offset + 8)]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0 & 0xDF) }) else {
                throw .malformedPNG("chunk \(chunks.count + 1) has an invalid type")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard length <= Self.maximumLength, length <= bytes.count - offset - 12 else {
                throw .malformedPNG("chunk \(chunks.count + 1) (\(type)) is truncated")
            }
            let dataRange = (offset + 8)..<(offset + 8 + length)
            let stored = order.uint32(all, at: dataRange.upperBound) ?? 0
            let computed = CRC32.update(CRC32.checksum(of: typeBytes), with: bytes[dataRange])
            guard UInt32(stored) == computed else {
                throw .malformedPNG("chunk \(chunks.count + 1) (\(type)) has a bad CRC")
            }
            if chunks.isEmpty, type != "IHDR" || length != 13 {
                throw .malformedPNG("the first chunk is not a valid IHDR")
            }
            chunks.append(Chunk(type: type, range: offset..<(dataRange.upperBound + 4), dataRange: dataRange))
            offset = dataRange.upperBound + 4
            if type == "IEND" { break }
        }
        self.chunks = chunks
        self.trailing = offset..<bytes.count
    }

    /// The keyword of a `tEXt`, `zTXt` or `iTXt` chunk (the bytes before the first NUL),
    /// decoded as Latin-1 as the PNG spec says; nil for other chunks or a missing NUL.
    static func textKeyword(of chunk: Chunk, in bytes: [UInt8]) -> String? {
        guard ["tEXt", "zTXt", "iTXt"].contains(chunk.type),
            let end = bytes[chunk.dataRange].firstIndex(of: 0)
        else { return nil }
        return String(String.UnicodeScalarView(bytes[chunk.dataRange.lowerBound..<end].map { Unicode.Scalar($0) }))
    }

    /// A serialised chunk: big-endian length, type, data, CRC over type and data.
    static func serialize(type: String, data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count + 12)
        bytes.appendBigEndian(UInt32(data.count))
        bytes += typeBytes
        bytes += data
        bytes.appendBigEndian(CRC32.update(CRC32.checksum(of: typeBytes), with: data))
        return bytes
    }
}
