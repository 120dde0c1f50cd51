extension HTTPTransport {
    /// For transports that cannot stream: reads the whole body, then hands it over in one
    /// chunk. Correct, only later; `AsyncHTTPTransport` streams for real.
    public func stream(
        _ request: OutgoingRequest, maxBytes: Int, into consume: ([UInt8]) -> Bool
    ) async throws(TransportFailure) -> IncomingResponse {
        let response = try await send(request, maxBodyBytes: maxBytes)
        guard response.isSuccess else { return response }
        _ = consume(response.body)
        return IncomingResponse(status: response.status, headers: response.headers)
    }
}
