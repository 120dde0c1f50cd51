/// One complete request as a ``FaultServer`` read it off the wire, recorded before its step ran.
struct ReceivedRequest: Sendable {
    /// The request method exactly as sent, e.g. `POST`.
    let method: String
    /// The request target, including any query string, e.g. `/v1/images?wait=1`.
    let path: String
    /// The protocol version from the request line, e.g. `HTTP/1.1`.
    let version: String
    /// Header fields in the order sent, names in their original case.
    let headers: [(String, String)]
    /// The body: exactly `Content-Length` bytes, or empty when there was none.
    let body: [UInt8]

    /// The value of the first header called `name`, compared case-insensitively as HTTP requires.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }

    /// Whether the client asked the server to close after answering: `Connection: close`, or an
    /// HTTP/1.0 request that did not opt in to keep-alive.
    var wantsClose: Bool {
        let tokens = (header("Connection") ?? "").lowercased()
            .split(separator: ",").map(HTTPHead.trimmingOptionalWhitespace)
        if tokens.contains("close") { return true }
        return version == "HTTP/1.0" && !tokens.contains("keep-alive")
    }
}
