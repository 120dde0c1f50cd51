/// An HTTP/1.1 status line and header fields, serialised exactly as given.
///
/// No header is added or reordered here: the fault steps decide framing headers themselves,
/// because a test may want to send a deliberately wrong `Content-Length`.
struct ResponseHead: Sendable {
    /// The status code, e.g. 200.
    let status: Int
    /// Header fields, written in this order.
    let headers: [(String, String)]

    /// The head's bytes, ending with the blank line that separates it from the body.
    var bytes: [UInt8] {
        var text = "HTTP/1.1 \(status) \(ResponseHead.reasonPhrase(for: status))\r\n"
        for (name, value) in headers {
            text += "\(name): \(value)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// A conventional reason phrase; clients ignore it, but people reading captures do not.
    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
