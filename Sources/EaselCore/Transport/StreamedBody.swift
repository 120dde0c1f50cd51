import Foundation

/// A request body made of pieces — bytes held in memory and files read while they are sent — of
/// a length known before the first byte goes out. A multipart edit of sixteen large images is
/// sent this way without ever holding it whole.
public struct StreamedBody: Sendable {
    /// Bytes in memory, or a file of a measured length read when its turn comes.
    public enum Piece: Sendable {
        case bytes([UInt8])
        case file(path: String, length: Int)

        var length: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .file(_, let length): length
            }
        }
    }

    public var pieces: [Piece]

    public init(pieces: [Piece]) { self.pieces = pieces }

    /// The total length, sent as `Content-Length`.
    public var length: Int { pieces.reduce(0) { $0 + $1.length } }

    /// Hands the body over in chunks of at most `chunkSize` bytes, in order. A file that can no
    /// longer be read, or whose length changed since it was measured, is an error: the declared
    /// length would be a lie.
    public func forEachChunk(chunkSize: Int = 256 << 10, _ body: ([UInt8]) throws -> Void) throws {
        for piece in pieces {
            switch piece {
            case .bytes(let bytes):
                if !bytes.isEmpty { try body(bytes) }
            case .file(let path, let length):
                guard let handle = FileHandle(forReadingAtPath: path) else { throw StreamedBodyError.unreadable(path) }
                defer { try? handle.close() }
                var sent = 0
                while sent < length {
                    let data = try handle.read(upToCount: min(chunkSize, length - sent)) ?? Data()
                    guard !data.isEmpty else { throw StreamedBodyError.changed(path) }
                    sent += data.count
                    try body(Array(data))
                }
                if let extra = try handle.read(upToCount: 1), !extra.isEmpty { throw StreamedBodyError.changed(path) }
            }
        }
    }

    /// The whole body in memory, for tests and transports that cannot stream.
    public func collected() throws -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(length)
        try forEachChunk { all += $0 }
        return all
    }
}

/// A file of a streamed body that changed or vanished between measuring and sending.
public enum StreamedBodyError: Error, Sendable, CustomStringConvertible {
    case unreadable(String)
    case changed(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "\(TerminalText.oneLine(path, limit: 200)) could no longer be read while it was sent"
        case .changed(let path): "\(TerminalText.oneLine(path, limit: 200)) changed size while it was sent"
        }
    }
}
