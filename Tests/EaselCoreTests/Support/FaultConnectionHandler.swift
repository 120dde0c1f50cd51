import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serves one connection of a ``FaultServer``: frames requests from raw bytes and carries out
/// the scripted step for each, writing bytes and closing the socket itself.
///
/// This works below NIOHTTP1 on purpose: an HTTP server pipeline would frame responses for us
/// and so could not stop at a byte-exact point, promise a body it never sends, or reset a socket.
final class FaultConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Whether later bytes on this connection are still read as requests. A step that closes,
    /// resets or stalls ends that: a real failed server would not answer anything after it.
    private enum Phase {
        case serving
        case finished
    }

    private let ledger: FaultLedger
    private var framer = RequestFramer()
    private var phase = Phase.serving

    /// A handler that records requests in, and takes steps from, `ledger`.
    init(ledger: FaultLedger) {
        self.ledger = ledger
    }

    /// Frames as many complete requests as the bytes so far hold and handles each in order.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard phase == .serving else { return }
        let bytes = unwrapInboundIn(data)
        framer.append(bytes.readableBytesView)
        do {
            while phase == .serving, let request = try framer.nextRequest() {
                carryOut(ledger.record(request), for: request, context: context)
            }
        } catch {
            // Unframeable input is a bug in the test or client, not a scripted fault: say so in a
            // response a person can read, and never record it as a request.
            phase = .finished
            let body = Array("FaultServer could not frame the request: \(error)\n".utf8)
            let head = ResponseHead(
                status: 400,
                headers: [("Content-Length", "\(body.count)"), ("Connection", "close")])
            writeThenClose(head.bytes + body, context: context)
        }
    }

    /// Closes on socket errors (e.g. the client reset), since nothing useful can follow them.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        phase = .finished
        context.close(promise: nil)
    }

    /// Runs one scripted step for `request`, which has already been recorded.
    private func carryOut(_ step: FaultStep, for request: ReceivedRequest, context: ChannelHandlerContext) {
        switch step {
        case .respond(let status, let headers, let body):
            respond(status: status, headers: headers, body: body, to: request, context: context)
        case .closeAfterRequest:
            phase = .finished
            // Closing with nothing left unread in the socket sends FIN, not RST.
            context.close(promise: nil)
        case .resetAfterRequest:
            phase = .finished
            reset(context.channel)
        case .truncatedBody(let status, let headers, let declaredLength, let sent):
            phase = .finished
            var fields = headers.filter { !Self.isNamed($0, "Content-Length") }
            fields.append(("Content-Length", "\(declaredLength)"))
            writeThenClose(ResponseHead(status: status, headers: fields).bytes + sent, context: context)
        case .stall:
            phase = .finished
        case .raw(let bytes):
            phase = .finished
            writeThenClose(bytes, context: context)
        }
    }

    /// Sends a well-framed response, keeping the connection open for the next request unless
    /// either side asked to close, because the client under test pools connections.
    private func respond(
        status: Int, headers: [(String, String)], body: [UInt8],
        to request: ReceivedRequest, context: ChannelHandlerContext
    ) {
        var fields = headers
        if !fields.contains(where: { Self.isNamed($0, "Content-Length") }) {
            fields.append(("Content-Length", "\(body.count)"))
        }
        let scriptCloses = fields.contains {
            Self.isNamed($0, "Connection") && $0.1.lowercased().contains("close")
        }
        if request.wantsClose && !scriptCloses {
            fields.append(("Connection", "close"))
        }
        // A response to HEAD carries the length of the body it would have sent, but no body.
        let payload = request.method == "HEAD" ? [] : body
        let bytes = ResponseHead(status: status, headers: fields).bytes + payload
        if request.wantsClose || scriptCloses {
            phase = .finished
            writeThenClose(bytes, context: context)
        } else {
            let buffer = context.channel.allocator.buffer(bytes: bytes)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
    }

    /// Writes `bytes` and closes once they have reached the kernel. Closing straight away would
    /// fail the still-pending write instead of sending it.
    private func writeThenClose(_ bytes: [UInt8], context: ChannelHandlerContext) {
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(bytes: bytes)))
            .whenComplete { _ in channel.close(promise: nil) }
    }

    /// Aborts the connection: with SO_LINGER on and a zero timeout, close() discards the socket
    /// and sends RST instead of the FIN handshake, which the client reads as ECONNRESET.
    private func reset(_ channel: any Channel) {
        guard let options = channel as? any SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        options.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            .whenComplete { _ in channel.close(promise: nil) }
    }

    /// Whether a header field has `name`, ignoring case as HTTP field names require.
    private static func isNamed(_ field: (String, String), _ name: String) -> Bool {
        field.0.lowercased() == name.lowercased()
    }
}
