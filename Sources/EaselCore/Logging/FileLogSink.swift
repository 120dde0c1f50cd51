import Foundation
import Logging

/// An append-only log file shared by every logger of the process. Lines pass through the
/// redactor, so no key reaches the file even if a caller logs one by mistake.
public final class FileLogSink: @unchecked Sendable {
    // `handle` is only touched under `lock`.
    private let lock = NSLock()
    private let handle: FileHandle?
    private let redactor: SecretRedactor

    public init(file: URL, redactor: SecretRedactor) {
        self.redactor = redactor
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        handle = try? FileHandle(forWritingTo: file)
        _ = try? handle?.seekToEnd()
    }

    func write(_ line: String) {
        let data = Data((redactor.redact(line) + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        try? handle?.write(contentsOf: data)
    }

    /// Makes every `Logger` of the process write to this sink.
    public func bootstrap(level: Logger.Level = .info) {
        LoggingSystem.bootstrap { label in
            var handler = FileLogHandler(label: label, sink: self)
            handler.logLevel = level
            return handler
        }
    }
}

/// A swift-log handler writing one timestamped line per message to a `FileLogSink`.
public struct FileLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let sink: FileLogSink

    init(label: String, sink: FileLogSink) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let extra = metadata.merging(event.metadata ?? [:]) { $1 }
        let suffix = extra.isEmpty ? "" : " " + extra.map { "\($0)=\($1)" }.sorted().joined(separator: " ")
        sink.write("\(stamp) \(event.level) \(label): \(event.message)\(suffix)")
    }
}
