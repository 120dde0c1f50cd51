import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte-level TCP client for tests that must see exactly which bytes a server sent and how it
/// ended the connection — a clean close, a reset — which an HTTP client library hides behind
/// its own errors and retries.
///
/// Not `Sendable`: one is used by the single task inside ``withConnection(toPort:_:)``.
final class RawConnection {
    /// How the server ended the connection, as far as this side could tell.
    enum Ending: Equatable, Sendable {
        /// An orderly close: the stream reached end-of-file (the peer sent FIN).
        case closed
        /// The peer aborted with RST, surfaced by the socket as ECONNRESET.
        case reset
        /// Any other failure, described for the test's output.
        case failed(String)
    }

    /// One response framed by its `Content-Length`.
    struct Response: Sendable {
        /// The status code from the status line.
        let status: Int
        /// Header fields in the order sent.
        let headers: [(String, String)]
        /// Exactly `Content-Length` bytes.
        let body: [UInt8]

        /// The first header called `name`, case-insensitively.
        func header(_ name: String) -> String? {
            let wanted = name.lowercased()
            return headers.first { $0.0.lowercased() == wanted }?.1
        }
    }

    /// How the connection ended, once a read has seen it end; nil while it looks open.
    private(set) var ending: Ending?
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []

    private init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.inbound = inbound
        self.outbound = outbound
    }

    /// Connects to 127.0.0.1:`port`, runs `body` with the connection, and closes it afterwards.
    static func withConnection<Result: Sendable>(
        toPort port: Int, _ body: (RawConnection) async throws -> Result
    ) async throws -> Result {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(RawConnection(inbound: inbound.makeAsyncIterator(), outbound: outbound))
        }
    }

    /// Sends `bytes` as they are; call repeatedly to split a request across packets.
    func send(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Sends `text` encoded as UTF-8; handy for a request head written out in full.
    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Reads one complete response, or returns nil if the connection ended first (then
    /// ``ending`` says how, and ``readToEnd()`` returns what did arrive).
    func readResponse() async throws -> Response? {
        while true {
            if let headEnd = HTTPHead.endOfHead(in: pending) {
                let head = try HTTPHead(parsing: pending[..<headEnd])
                let length = try head.contentLength()
                if pending.count - headEnd >= length {
                    let body = Array(pending[headEnd..<(headEnd + length)])
                    pending.removeFirst(headEnd + length)
                    let status = head.startLine.count > 1 ? Int(head.startLine[1]) ?? 0 : 0
                    return Response(status: status, headers: head.headers, body: body)
                }
            }
            guard await receiveMore() else { return nil }
        }
    }

    /// Reads until the server ends the connection and returns every byte not yet consumed by
    /// ``readResponse()``; ``ending`` is set afterwards.
    func readToEnd() async -> [UInt8] {
        while await receiveMore() {}
        defer { pending.removeAll() }
        return pending
    }

    /// Waits for the next chunk; false once the connection has ended.
    private func receiveMore() async -> Bool {
        guard ending == nil else { return false }
        do {
            guard let chunk = try await inbound.next() else {
                ending = .closed
                return false
            }
            pending.append(contentsOf: chunk.readableBytesView)
            return true
        } catch let error as IOError where error.errnoCode == ECONNRESET {
            ending = .reset
        } catch {
            ending = .failed(String(describing: error))
        }
        return false
    }
}
