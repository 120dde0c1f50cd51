import EaselCore

/// The studio's HTTP transport, made only once its first frame is drawn. Making an
/// `AsyncHTTPTransport` starts NIO's event-loop threads and waits until each is running; on a
/// busy machine that wait alone held the first frame back by tens of milliseconds. Requests
/// sent earlier (none can be: they follow keys read after the first frame) would wait for it.
final class DeferredTransport: HTTPTransport {
    private let made: Task<AsyncHTTPTransport, Never>

    /// - Parameter start: ends when the transport may be made.
    init(after start: Task<Void, Never>) {
        made = Task {
            await start.value
            return AsyncHTTPTransport()
        }
    }

    func send(_ request: OutgoingRequest, maxBodyBytes: Int) async throws(TransportFailure) -> IncomingResponse {
        try await made.value.send(request, maxBodyBytes: maxBodyBytes)
    }

    func download(
        _ request: OutgoingRequest, maxBytes: Int, into sink: @Sendable ([UInt8]) throws -> Void
    ) async throws(TransportFailure) -> IncomingResponse {
        try await made.value.download(request, maxBytes: maxBytes, into: sink)
    }

    func stream(
        _ request: OutgoingRequest, maxBytes: Int, into consume: ([UInt8]) -> Bool
    ) async throws(TransportFailure) -> IncomingResponse {
        try await made.value.stream(request, maxBytes: maxBytes, into: consume)
    }

    /// Shuts the transport down (making it first if the studio never drew a frame).
    func shutdown() async {
        await made.value.shutdown()
    }
}
