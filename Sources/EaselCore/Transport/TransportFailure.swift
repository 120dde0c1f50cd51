/// Why an HTTP exchange did not produce a response, classified by whether the request could have
/// reached the server: that decides whether a generation may be sent again.
public enum TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection was never made (refused, DNS, connect timeout): the server saw nothing.
    case notConnected(String)
    /// The request may have been received, but no complete response came back (reset, closed).
    case noResponse(String)
    /// No response within the time allowed, after the request was sent.
    case timedOut
    /// The response body was larger than the caller allows.
    case tooLarge(limit: Int)
    /// The response body ended before its declared length.
    case truncated
    /// Bytes came back that are not an HTTP response (a control character in the status line,
    /// a broken header): the server saw the request, but its answer cannot be read.
    case malformedResponse(String)
    case invalidURL(String)
    case local(String)

    /// True when the server provably never saw the request, so resending is safe.
    public var neverReachedServer: Bool {
        switch self {
        case .notConnected, .invalidURL: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .notConnected(let why): "could not connect: \(why)"
        case .noResponse(let why): "the connection ended without a response: \(why)"
        case .timedOut: "timed out waiting for the server"
        case .tooLarge(let limit): "the response is larger than the \(limit)-byte limit"
        case .truncated: "the response ended early"
        case .malformedResponse(let why): "the server sent a malformed HTTP response (\(why))"
        case .invalidURL(let url): "invalid URL \(url)"
        case .local(let why): why
        }
    }
}
