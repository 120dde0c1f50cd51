/// The chunks of a WebP (RIFF) file, located in the original bytes and bounds-checked.
struct RIFFChunkList {
    /// One chunk.
    struct Chunk {
        /// The FourCC, e.g. `VP8 `, `VP8X`, `EXIF`, `XMP `.
        var fourCC: String
        /// The payload, without header or padding.
        var payloadRange: Range<Int>
    }

    /// The chunks after the `WEBP` form type, in order.
    let chunks: [Chunk]

    /// Walks `bytes`, throwing `.malformedWebP` at the first structural problem. The RIFF size
    /// may claim less than the file holds (trailing bytes are ignored, as libwebp does) but
    /// not more.
    init(_ bytes: [UInt8]) throws(ImageMetadataError) {
        let order = ByteOrder.littleEndian
        let all = bytes[...]
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8),
            let riffSize = order.uint32(all, at: 4)
        else { throw .malformedWebP("the RIFF/WEBP header is missing") }
        guard riffSize >= 4, riffSize <= bytes.count - 8 else { throw .malformedWebP("the file is truncated") }
        let end = 8 + riffSize
        var chunks: [Chunk] = []
        var offset = 12
        while offset < end {
            guard end - offset >= 8, let size = order.uint32(all, at: offset + 4) else {
                throw .malformedWebP("a chunk header is truncated")
            }
            guard size <= end - offset - 8 else { throw .malformedWebP("a chunk is truncated") }
            let fourCC = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            chunks.append(Chunk(fourCC: fourCC, payloadRange: (offset + 8)..<(offset + 8 + size)))
            // Chunks are padded to an even size; a missing final pad byte is tolerated.
            offset += 8 + size + (size & 1)
        }
        guard !chunks.isEmpty else { throw .malformedWebP("the file has no chunks") }
        self.chunks = chunks
    }
}
