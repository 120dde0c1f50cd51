/// Writes `multipart/form-data` bodies (RFC 7578) whose file parts are streamed from disk: text
/// fields and part headers are bytes in memory, file contents are `StreamedBody` file pieces of
/// a measured length, so the body's length is known before it is sent and the files are never
/// copied whole into memory.
public struct MultipartBuilder: Sendable {
    public let boundary: String
    private var pieces: [StreamedBody.Piece] = []

    /// `boundary` must not occur in any part; a random one (`newBoundary()`) cannot in practice.
    public init(boundary: String = MultipartBuilder.newBoundary()) {
        self.boundary = boundary
    }

    /// 32 random hex digits after a fixed prefix: 128 bits, far beyond any chance of appearing
    /// in an image by accident.
    public static func newBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return "easel-" + String((0..<32).map { _ in digits[Int(generator.next() % 16)] })
    }

    /// The request's `Content-Type` header value.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Appends a text field.
    public mutating func field(_ name: String, _ value: String) {
        pieces.append(.bytes(Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n\(value)\r\n".utf8)))
    }

    /// Appends a file part whose bytes are read from `path` (of `length` bytes) while sending.
    public mutating func file(_ name: String, filename: String, contentType: String, path: String, length: Int) {
        let head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(filename))\"\r\n"
            + "Content-Type: \(contentType)\r\n\r\n"
        pieces.append(.bytes(Array(head.utf8)))
        pieces.append(.file(path: path, length: length))
        pieces.append(.bytes([13, 10]))
    }

    /// The finished body, closing delimiter included.
    public func body() -> StreamedBody {
        StreamedBody(pieces: pieces + [.bytes(Array("--\(boundary)--\r\n".utf8))])
    }

    /// A name or filename inside a quoted header parameter: quotes and line breaks
    /// percent-encoded, as browsers (the HTML standard) do, so no value can end the header.
    public static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "%22"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
