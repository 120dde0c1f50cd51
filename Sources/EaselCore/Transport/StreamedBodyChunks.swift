import NIOCore

/// A `StreamedBody` as the async sequence of buffers AsyncHTTPClient streams from: files are read
/// one chunk at a time as the client asks for the next, so memory stays at a chunk or two.
struct StreamedBodyChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let body: StreamedBody
    var chunkSize = 256 << 10

    struct AsyncIterator: AsyncIteratorProtocol {
        var pieces: [StreamedBody.Piece]
        var index = 0
        var reader: FileChunkReader?
        let chunkSize: Int

        mutating func next() async throws -> ByteBuffer? {
            while index < pieces.count {
                switch pieces[index] {
                case .bytes(let bytes):
                    index += 1
                    if !bytes.isEmpty { return ByteBuffer(bytes: bytes) }
                case .file(let path, let length):
                    if reader == nil { reader = try FileChunkReader(path: path, length: length) }
                    if let chunk = try reader?.next(maxBytes: chunkSize) { return ByteBuffer(bytes: chunk) }
                    reader = nil
                    index += 1
                }
            }
            return nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pieces: body.pieces, chunkSize: chunkSize) }
}
