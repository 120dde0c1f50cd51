import EaselImage
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Saves generated images under a directory with names Easel makes. Every file is written to a
/// temporary name, fsynced and renamed, so a reader never sees half an image and a failed
/// download leaves nothing behind.
public struct ImageStore: Sendable {
    public let directory: URL
    /// Larger downloads or inline images are refused.
    public var maxBytes: Int

    public init(directory: URL, maxBytes: Int = 64 << 20) {
        self.directory = directory
        self.maxBytes = maxBytes
    }

    /// Saves bytes that arrived inline (for example decoded `b64_json`) as `<stem>.<ext>`.
    /// `verify` decodes the image in full first (see `ImageVerifier`); streamed previews, which
    /// a final image replaces, skip it to stay fast.
    public func save(_ bytes: [UInt8], stem: String, url: String? = nil, verify: Bool = true) throws(ImageStoreError) -> SavedImage {
        guard bytes.count <= maxBytes else { throw .tooLarge(limit: maxBytes) }
        guard let header = ImageHeader(bytes.prefix(Self.headerBytes)) else { throw .notAnImage }
        let file = try TemporaryFile(in: directory)
        do throws(ImageStoreError) {
            try file.write(bytes)
            if verify, let problem = ImageVerifier.problem(in: bytes) {
                throw ImageStoreError.broken(problem, keptAt: file.setAside(stem: stem, format: header.format))
            }
            return try file.commit(stem: stem, header: header, size: bytes.count, url: url)
        } catch {
            file.discard()
            throw error
        }
    }

    /// Downloads `url` with retries and saves it as `<stem>.<ext>`. Any failure removes the
    /// partial file.
    public func download(
        _ url: String, stem: String, thumbnailURL: String? = nil, sender: RequestSender
    ) async throws(GenerationError) -> SavedImage {
        let request = OutgoingRequest(method: "GET", url: url, headers: [("Accept", "image/*")], timeout: .seconds(300))
        let limit = maxBytes
        let directory = directory
        let box = TemporaryFileBox()
        do {
            let response = try await sender.perform(request, kind: .idempotent) { () throws(TransportFailure) -> IncomingResponse in
                box.current?.discard()
                let file: TemporaryFile
                do throws(ImageStoreError) {
                    file = try TemporaryFile(in: directory)
                } catch {
                    box.diskFailure = error
                    throw .local(error.description)
                }
                box.current = file
                return try await sender.transport.download(request, maxBytes: limit) { chunk in
                    do throws(ImageStoreError) {
                        try file.write(chunk)
                    } catch {
                        box.diskFailure = error
                        throw error
                    }
                }
            }
            guard response.isSuccess, let file = box.current else {
                box.current?.discard()
                throw GenerationError.network("download of \(TerminalText.oneLine(url, limit: 120)) failed with HTTP \(response.status)")
            }
            let prefix = try file.readPrefix(Self.headerBytes)
            guard let header = ImageHeader(prefix) else {
                file.discard()
                throw GenerationError.badReply("\(TerminalText.oneLine(url, limit: 120)) is not a PNG, JPEG or WebP image")
            }
            if let problem = ImageVerifier.problem(in: try file.readPrefix(limit)) {
                let broken = ImageStoreError.broken(problem, keptAt: file.setAside(stem: stem, format: header.format))
                throw GenerationError.badReply("\(TerminalText.oneLine(url, limit: 120)): \(broken)")
            }
            var saved = try file.commit(stem: stem, header: header, size: file.written, url: url)
            saved.thumbnailURL = thumbnailURL
            return saved
        } catch let failure as TransportFailure {
            box.current?.discard()
            // The server answered; the disk did not take the image.
            if let disk = box.diskFailure { throw GenerationError.storage(disk.description) }
            throw GenerationError.network("download of \(TerminalText.oneLine(url, limit: 120)) failed: \(failure)")
        } catch let failure as ImageStoreError {
            box.current?.discard()
            throw GenerationError.storage(failure.description)
        } catch let error as GenerationError {
            box.current?.discard()
            throw error
        } catch {
            box.current?.discard()
            throw GenerationError.storage(String(describing: error))
        }
    }

    /// Removes the temporary files that processes which have ended left in the folder (a kill
    /// mid-download leaves one); a live process's are left alone. Files without an owner in
    /// their name (older Easels) go when they are over an hour old. Returns how many went.
    @discardableResult
    public func removeAbandonedTemporaryFiles(now: Date = Date()) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(TemporaryFile.prefix) {
            let path = directory.appendingPathComponent(name).path
            if let owner = TemporaryFile.owner(ofFileNamed: name) {
                if ProcessIdentity.isAlive(owner) { continue }
            } else {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
                if now.timeIntervalSince(modified) < 3600 { continue }
            }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// Enough of a file to find a JPEG's frame header past typical metadata blocks.
    static let headerBytes = 512 * 1024
}

/// What went wrong saving an image.
public enum ImageStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAnImage
    case tooLarge(limit: Int)
    case io(String)
    /// The bytes claim to be an image but do not decode; `keptAt` is where they were set aside.
    case broken(String, keptAt: String?)

    public var description: String {
        switch self {
        case .notAnImage: "the data is not a PNG, JPEG or WebP image"
        case .tooLarge(let limit): "the image is larger than the \(limit)-byte limit"
        case .io(let why): why
        case .broken(let why, let kept):
            "the image is broken (\(why))" + (kept.map { "; its bytes are kept in \($0)" } ?? "")
        }
    }
}

/// Holds the temporary file of the current download attempt across retries, and the disk's
/// failure if writing it is what went wrong.
private final class TemporaryFileBox: @unchecked Sendable {
    // Only touched by one download task at a time, sequentially.
    var current: TemporaryFile?
    var diskFailure: ImageStoreError?
}
