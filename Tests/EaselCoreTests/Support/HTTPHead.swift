/// The start line and header fields of an HTTP/1.1 message, parsed from raw bytes.
///
/// Shared by the server's request framer and the tests' raw client so both read heads the same
/// way. Deliberately small: no obs-fold, no header validation beyond what framing needs.
struct HTTPHead: Sendable {
    /// The start line split on single spaces: `[method, target, version]` for a request,
    /// `[version, status, reason...]` for a response.
    let startLine: [String]
    /// Header fields in the order sent, values trimmed of optional whitespace.
    let headers: [(String, String)]

    /// Why a head could not be parsed.
    enum ParseError: Error, Equatable {
        /// The head was not UTF-8 text, so there is nothing sensible to record.
        case notText
        /// A header line had no colon, or the start line was empty.
        case malformedLine(String)
        /// `Content-Length` was missing a number, negative, or sent twice with different values.
        case badContentLength
    }

    /// The index just past the blank line (CRLFCRLF) that ends the head, if it has arrived yet.
    static func endOfHead(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10
            && bytes[index + 2] == 13 && bytes[index + 3] == 10
        {
            return index + 4
        }
        return nil
    }

    /// Parses a head: `bytes` runs from the start line up to and including the blank line.
    init(parsing bytes: ArraySlice<UInt8>) throws(ParseError) {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notText }
        // Split on CRLF only; a bare LF inside a line is left for the caller to notice.
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw .malformedLine("") }
        let start = lines.removeFirst()
        startLine = start.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var fields: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedLine(String(line)) }
            let name = HTTPHead.trimmingOptionalWhitespace(line[..<colon])
            let value = HTTPHead.trimmingOptionalWhitespace(line[line.index(after: colon)...])
            guard !name.isEmpty else { throw .malformedLine(String(line)) }
            fields.append((name, value))
        }
        headers = fields
    }

    /// The value of the first header called `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }

    /// The declared body length: 0 when absent; an error when unusable, because guessing a
    /// length would desynchronise every later request on the connection.
    func contentLength() throws(ParseError) -> Int {
        let values = headers.filter { $0.0.lowercased() == "content-length" }.map(\.1)
        guard let first = values.first else { return 0 }
        guard values.allSatisfy({ $0 == first }), let length = Int(first), length >= 0 else {
            throw .badContentLength
        }
        return length
    }

    /// `text` without the spaces and tabs HTTP allows around field values and list items.
    static func trimmingOptionalWhitespace(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
