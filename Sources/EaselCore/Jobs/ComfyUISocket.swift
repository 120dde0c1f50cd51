import Foundation
import HummingbirdWSClient
import Logging

/// A ComfyUI server's WebSocket for one client id, read on a task of its own: every message is
/// decoded (bounded, see `ComfyUIEvent`) and queued for the job, which takes them with a timeout.
/// The framing is HummingbirdWSClient's; Easel only decides what the messages mean.
public final class ComfyUISocket: Sendable {
    /// What the connection reports.
    public enum Signal: Sendable, Hashable {
        case opened
        case event(ComfyUIEvent)
        /// The connection could not be made, or ended; in words for the progress note.
        case closed(String)
    }

    private let queue = ComfyUISignalQueue()
    private let task: Task<Void, Never>

    /// The largest message taken: a preview plus room for its header.
    static let maxMessageBytes = ComfyUIEvent.maxPreviewBytes + (64 << 10)

    private init(url: String) {
        let queue = queue
        task = Task {
            let configuration = WebSocketClientConfiguration(maxFrameSize: Self.maxMessageBytes)
            var logger = Logger(label: "easel.comfyui.ws")
            logger.logLevel = .critical
            do {
                let frame = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, _, _ in
                    await queue.push(.opened)
                    var messages = inbound.messages(maxSize: Self.maxMessageBytes).makeAsyncIterator()
                    while let message = try await messages.next() {
                        let event: ComfyUIEvent?
                        switch message {
                        case .text(let text): event = ComfyUIEvent.decode(text: text)
                        case .binary(let buffer): event = ComfyUIEvent.decode(binary: Array(buffer.readableBytesView))
                        }
                        if let event, event != .ignored { await queue.push(.event(event)) }
                    }
                }
                await queue.push(.closed(frame.map { "the server closed it (\($0.closeCode))" } ?? "the server closed it"))
            } catch {
                await queue.push(.closed(Task.isCancelled ? "closed" : Self.describe(error)))
            }
            await queue.finish()
        }
    }

    /// Connects to `url` and waits until the connection is open, it fails, or `timeout` passes;
    /// returns the socket, or why there is none.
    public static func open(url: String, timeout: Duration) async -> Result<ComfyUISocket, ComfyUISocketFailure> {
        let socket = ComfyUISocket(url: url)
        switch await socket.next(within: timeout) {
        case .opened?: return .success(socket)
        case .closed(let why)?:
            socket.close()
            return .failure(ComfyUISocketFailure(reason: why))
        default:
            socket.close()
            return .failure(ComfyUISocketFailure(reason: "it did not open within \(Int(timeout.inSeconds)) s"))
        }
    }

    /// The next signal, or nil when none came within `timeout` (or the task was cancelled).
    public func next(within timeout: Duration) async -> Signal? {
        await queue.next(within: timeout)
    }

    /// Closes the connection.
    public func close() {
        task.cancel()
    }

    static func describe(_ error: any Error) -> String {
        let text = TerminalText.oneLine(String(describing: error), limit: 160)
        return text.isEmpty ? "it failed" : text
    }
}
