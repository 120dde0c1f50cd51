import EaselImage
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file being written under a hidden temporary name next to its final place; `commit` fsyncs
/// and renames it, `discard` removes it.
final class TemporaryFile: @unchecked Sendable {
    // One writer at a time: the download loop writes chunks sequentially.
    let directory: URL
    let path: String
    private var descriptor: Int32
    private(set) var written = 0

    init(in directory: URL) throws(ImageStoreError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(directory.path): \(error.localizedDescription)")
        }
        self.directory = directory
        self.path = directory.appendingPathComponent(Self.name()).path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io("cannot create a file in \(directory.path): \(String(cString: strerror(errno)))") }
    }

    /// The prefix of every temporary file; the owner's identity and a UUID follow.
    static let prefix = ".partial-"

    /// `.partial-PID-START-UUID`: the owning process (as `ProcessIdentity`, `:` written `-`), so
    /// the files of a process that died (kill -9 mid-download) can be told from live downloads.
    static func name() -> String {
        prefix + ProcessIdentity.current.replacingOccurrences(of: ":", with: "-") + "-" + UUID().uuidString
    }

    /// The identity of the process that made the temporary file `name`, if it says.
    static func owner(ofFileNamed name: String) -> String? {
        guard name.hasPrefix(prefix) else { return nil }
        let fields = name.dropFirst(prefix.count).split(separator: "-", maxSplits: 2)
        // The UUID must follow whole: an older Easel's `.partial-UUID` whose first groups happen
        // to be all digits would otherwise read as a process that has ended.
        guard fields.count == 3, Int32(fields[0]) != nil, UInt64(fields[1]) != nil, UUID(uuidString: String(fields[2])) != nil
        else { return nil }
        return "\(fields[0]):\(fields[1])"
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func write(_ bytes: [UInt8]) throws(ImageStoreError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io("writing \(path) failed: \(String(cString: strerror(errno)))")
            }
            offset += count
        }
        written += bytes.count
    }

    func readPrefix(_ limit: Int) throws(ImageStoreError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .io("cannot read back \(path)") }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: limit)) ?? Data())
    }

    /// Flushes to disk and renames to `<stem>.<ext>` (or `<stem>-2.<ext>`… if taken).
    func commit(stem: String, header: ImageHeader, size: Int, url: String?) throws(ImageStoreError) -> SavedImage {
        guard fsync(descriptor) == 0 else { throw .io("fsync of \(path) failed: \(String(cString: strerror(errno)))") }
        close(descriptor)
        descriptor = -1
        var final = directory.appendingPathComponent("\(stem).\(header.format.fileExtension)").path
        var attempt = 2
        // link() fails instead of replacing, so an existing image is never overwritten.
        while link(path, final) != 0 {
            guard errno == EEXIST, attempt < 1000 else {
                throw .io("cannot save \(final): \(String(cString: strerror(errno)))")
            }
            final = directory.appendingPathComponent("\(stem)-\(attempt).\(header.format.fileExtension)").path
            attempt += 1
        }
        unlink(path)
        syncDirectory()
        return SavedImage(
            path: final, url: url, thumbnailURL: nil, width: header.width, height: header.height, bytes: size,
            format: header.format)
    }

    /// Flushes to disk and renames over `final`, which is replaced in one step: a reader sees
    /// the old file or the new one, never a mix.
    func replace(_ final: String) throws(ImageStoreError) {
        guard fsync(descriptor) == 0 else { throw .io("fsync of \(path) failed: \(String(cString: strerror(errno)))") }
        close(descriptor)
        descriptor = -1
        guard rename(path, final) == 0 else { throw .io("cannot replace \(final): \(String(cString: strerror(errno)))") }
        syncDirectory()
    }

    /// Moves the file into `rejected/` beside the images, as `<stem>.<ext>` (never over another
    /// file), for someone to inspect; returns its path, or nil when that failed (it is removed).
    func setAside(stem: String, format: ImageFormat) -> String? {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        let folder = directory.appendingPathComponent("rejected")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for attempt in 1..<1000 {
            let name = attempt == 1 ? "\(stem).\(format.fileExtension)" : "\(stem)-\(attempt).\(format.fileExtension)"
            let target = folder.appendingPathComponent(name).path
            if link(path, target) == 0 {
                unlink(path)
                return target
            }
            if errno != EEXIST { break }
        }
        unlink(path)
        return nil
    }

    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }

    /// Makes the rename itself durable.
    private func syncDirectory() {
        let directoryDescriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { return }
        fsync(directoryDescriptor)
        close(directoryDescriptor)
    }
}
