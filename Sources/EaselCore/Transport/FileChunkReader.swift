import Foundation

/// Reads a file of a known length in chunks, refusing one that turns out shorter or longer than
/// it was measured (the request declared that length).
final class FileChunkReader {
    private let handle: FileHandle
    private let path: String
    private let length: Int
    private var sent = 0

    init(path: String, length: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StreamedBodyError.unreadable(path) }
        self.handle = handle
        self.path = path
        self.length = length
    }

    deinit { try? handle.close() }

    /// The next chunk, or nil once the whole length was read.
    func next(maxBytes: Int) throws -> [UInt8]? {
        guard sent < length else {
            if let extra = try handle.read(upToCount: 1), !extra.isEmpty { throw StreamedBodyError.changed(path) }
            return nil
        }
        let data = try handle.read(upToCount: min(maxBytes, length - sent)) ?? Data()
        guard !data.isEmpty else { throw StreamedBodyError.changed(path) }
        sent += data.count
        return Array(data)
    }
}
