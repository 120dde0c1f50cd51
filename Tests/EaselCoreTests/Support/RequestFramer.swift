/// Cuts a connection's inbound byte stream into complete requests: a head up to CRLFCRLF, then
/// exactly `Content-Length` body bytes.
///
/// Pure and synchronous so it can be tested without sockets, and so the server knows the byte at
/// which a request ends — the point where a fault is injected. Chunked request bodies are refused
/// rather than half-supported; the client under test never sends them.
struct RequestFramer {
    /// Why the stream cannot be framed; the connection is unusable after any of these.
    enum FramingError: Error, Equatable {
        /// The head did not parse.
        case badHead(HTTPHead.ParseError)
        /// The request line was not `METHOD TARGET VERSION`.
        case badRequestLine(String)
        /// `Transfer-Encoding` was used; only `Content-Length` bodies are framed.
        case unsupportedTransferEncoding
        /// The head grew past ``maximumHeadSize`` without ending, which means garbage, not HTTP.
        case headTooLarge
    }

    /// The largest head accepted; generous for real clients, small enough to stop runaway input.
    static let maximumHeadSize = 64 * 1024

    private var buffer: [UInt8] = []

    /// An empty framer, at the start of a connection.
    init() {}

    /// Adds bytes as they arrive from the socket, in any split.
    mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received but not yet part of a returned request.
    var bufferedByteCount: Int { buffer.count }

    /// The next complete request, or nil if more bytes are needed. Call repeatedly: a client
    /// that pipelines can deliver several requests in one read.
    mutating func nextRequest() throws(FramingError) -> ReceivedRequest? {
        guard let headEnd = HTTPHead.endOfHead(in: buffer) else {
            if buffer.count > RequestFramer.maximumHeadSize { throw .headTooLarge }
            return nil
        }
        let head: HTTPHead
        let bodyLength: Int
        do {
            head = try HTTPHead(parsing: buffer[..<headEnd])
            bodyLength = try head.contentLength()
        } catch {
            throw .badHead(error)
        }
        guard head.startLine.count == 3 else {
            throw .badRequestLine(head.startLine.joined(separator: " "))
        }
        guard head.header("Transfer-Encoding") == nil else { throw .unsupportedTransferEncoding }
        guard buffer.count - headEnd >= bodyLength else { return nil }

        let body = Array(buffer[headEnd..<(headEnd + bodyLength)])
        buffer.removeFirst(headEnd + bodyLength)
        return ReceivedRequest(
            method: head.startLine[0], path: head.startLine[1], version: head.startLine[2],
            headers: head.headers, body: body)
    }
}
