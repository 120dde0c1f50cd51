#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

extension ImageDecoder {
    /// Decodes the image file at `path`, refusing files over `limits.maxFileBytes` from their
    /// size on disk before reading any of them. `atLeast` shrinks as in `decode(_:limits:atLeast:)`.
    public static func decode(
        fileAt path: String, limits: DecodeLimits = .standard, atLeast minimum: PixelSize? = nil
    ) throws(ImageDecodingError) -> DecodedImage {
        try decode(readFile(at: path, maxBytes: limits.maxFileBytes), limits: limits, atLeast: minimum)
    }

    /// Reads a whole regular file, capped at `maxBytes`.
    static func readFile(at path: String, maxBytes: Int) throws(ImageDecodingError) -> [UInt8] {
        try withFile(at: path, maxBytes: maxBytes) { descriptor, size throws(ImageDecodingError) in
            try readRest(of: descriptor, size: size, path: path, maxBytes: maxBytes)
        }
    }

    /// Opens a regular file of at most `maxBytes` and runs `body` with its descriptor and size.
    static func withFile<Result>(
        at path: String, maxBytes: Int, _ body: (Int32, Int) throws(ImageDecodingError) -> Result
    ) throws(ImageDecodingError) -> Result {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw unreadable(path) }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw unreadable(path) }
        // A FIFO or device would block or never end; only plain files have a size to check.
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .unreadableFile(path: path, reason: (status.st_mode & S_IFMT == S_IFDIR) ? "it is a directory" : "not a regular file")
        }
        let size = Int(status.st_size)
        guard size <= maxBytes else { throw .fileTooLarge(bytes: size, limit: maxBytes) }
        return try body(descriptor, size)
    }

    /// The first `count` bytes of the file (fewer if it is shorter), read without moving its offset.
    static func prefix(of descriptor: Int32, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var filled = 0
            while filled < count {
                let got = pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(filled))
                if got > 0 {
                    filled += got
                } else if got == 0 || errno != EINTR {
                    break
                }
            }
            initialized = filled
        }
    }

    /// Reads the file from its current offset to the end, checking it did not grow past the cap.
    static func readRest(of descriptor: Int32, size: Int, path: String, maxBytes: Int) throws(ImageDecodingError) -> [UInt8] {
        // One byte of headroom shows whether the file grew past the cap since fstat.
        let capacity = size + 1
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var filled = 0
            while filled < capacity {
                let count = read(descriptor, buffer.baseAddress! + filled, capacity - filled)
                if count > 0 {
                    filled += count
                } else if count == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
            initialized = filled
        }
        guard failure == 0 else { throw .unreadableFile(path: path, reason: describe(failure)) }
        guard bytes.count <= maxBytes else { throw .fileTooLarge(bytes: bytes.count, limit: maxBytes) }
        return bytes
    }

    /// The current errno as an unreadable-file error.
    private static func unreadable(_ path: String) -> ImageDecodingError {
        .unreadableFile(path: path, reason: describe(errno))
    }

    /// The system's text for an errno value, such as "No such file or directory".
    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
