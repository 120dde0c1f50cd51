/// What a ``FaultServer`` does with one request once it has been read in full.
///
/// Each case models a way a real server or network can let a client down, cut at a byte-exact
/// point, so client retry and error handling can be tested against the real failure rather than
/// a mock of it.
enum FaultStep: Sendable {
    /// Answer normally. `Content-Length` is added unless `headers` already has one, and the
    /// connection stays open for the next request unless the client asked for `Connection: close`.
    case respond(status: Int, headers: [(String, String)] = [], body: [UInt8] = [])
    /// Close the connection cleanly (FIN) without a byte of response, as a server that drops
    /// idle keep-alive connections or crashes between requests would.
    case closeAfterRequest
    /// Abort the connection with a TCP reset (SO_LINGER 0, then close), as a load balancer that
    /// kills a connection would; the client sees `ECONNRESET`.
    case resetAfterRequest
    /// Send a head promising `declaredLength` body bytes, send only `sent`, then close, so the
    /// client sees a body cut short mid-transfer.
    case truncatedBody(status: Int, headers: [(String, String)], declaredLength: Int, sent: [UInt8])
    /// Never answer, leaving the connection open until the server stops; for client timeouts.
    case stall
    /// Write these bytes verbatim as the whole response, then close: for replies no
    /// well-behaved server would frame (control characters in the status line, bad headers).
    case raw([UInt8])

    /// The default fallback: a 500 whose body says why, so an unexpected extra request shows up
    /// in a failing test's output instead of hanging or passing silently.
    static let scriptExhausted = FaultStep.respond(
        status: 500,
        headers: [("Content-Type", "text/plain")],
        body: Array("FaultServer: no scripted step left for this request\n".utf8))
}
