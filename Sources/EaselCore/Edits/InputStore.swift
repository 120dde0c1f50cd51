import Foundation

/// Easel's own copies of the images edits and variations worked on, named by the SHA-256 of their
/// bytes (`inputs/ab/abcdef….png`), so the same picture given twice is kept once and a lineage
/// still resolves after the original file is moved, edited or deleted. The upload is read from
/// the copy, so what was sent is exactly what was kept.
public struct InputStore: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    /// Where the copy of `image` lives (whether or not it exists yet).
    public func path(for image: InputImage) -> String {
        let hash = image.sha256
        return directory.appendingPathComponent(String(hash.prefix(2)))
            .appendingPathComponent(hash + "." + image.format.fileExtension).path
    }

    /// Copies `image` in unless a copy with its hash is already there; returns it with `kept` set.
    /// The copy is streamed and hashed on the way, and refused if the file changed since it was
    /// checked (its hash no longer matches).
    public func keep(_ image: InputImage) throws(ImageStoreError) -> InputImage {
        var kept = image
        let destination = path(for: image)
        kept.kept = destination
        if FileManager.default.fileExists(atPath: destination) { return kept }
        let file = try TemporaryFile(in: URL(fileURLWithPath: destination).deletingLastPathComponent())
        do throws(ImageStoreError) {
            guard let handle = FileHandle(forReadingAtPath: image.path) else {
                throw ImageStoreError.io("cannot read \(TerminalText.oneLine(image.path, limit: 200)) to keep a copy")
            }
            defer { try? handle.close() }
            var hasher = SHA256()
            while true {
                let chunk: Data
                do {
                    chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                } catch {
                    throw ImageStoreError.io("reading \(TerminalText.oneLine(image.path, limit: 200)) failed: \(error.localizedDescription)")
                }
                if chunk.isEmpty { break }
                chunk.withUnsafeBytes { hasher.update(buffer: $0) }
                try file.write(Array(chunk))
            }
            guard hasher.finalizeHex() == image.sha256 else {
                throw ImageStoreError.io("\(TerminalText.oneLine(image.path, limit: 200)) changed after it was checked; nothing was sent")
            }
            try file.replace(destination)
        } catch {
            file.discard()
            throw error
        }
        return kept
    }
}
