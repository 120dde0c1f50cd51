/// Carries requests to a server. The real one is `AsyncHTTPTransport`; tests may count or
/// script exchanges by wrapping it.
public protocol HTTPTransport: Sendable {
    /// Sends a request and reads the whole response body, refusing bodies over `maxBodyBytes`.
    func send(_ request: OutgoingRequest, maxBodyBytes: Int) async throws(TransportFailure) -> IncomingResponse

    /// Sends a GET and streams a successful body into `sink` chunk by chunk, refusing more than
    /// `maxBytes`. Returns the status and headers; for a non-2xx status the body is read into
    /// the response instead of the sink.
    func download(
        _ request: OutgoingRequest, maxBytes: Int, into sink: @Sendable ([UInt8]) throws -> Void
    ) async throws(TransportFailure) -> IncomingResponse

    /// Sends a request and hands a successful body to `consume` chunk by chunk as it arrives,
    /// refusing more than `maxBytes` in all; `consume` returns false to stop reading (the
    /// connection is then dropped). For a non-2xx status the body is read into the response
    /// instead. Server-sent event streams come this way.
    func stream(
        _ request: OutgoingRequest, maxBytes: Int, into consume: ([UInt8]) -> Bool
    ) async throws(TransportFailure) -> IncomingResponse
}
