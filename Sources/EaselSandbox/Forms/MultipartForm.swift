import Foundation

/// Reads `multipart/form-data` bodies of plain text fields, as curl sends a PHP array passed to
/// `CURLOPT_POSTFIELDS` (the ai-client PHP sample). File parts are refused: no ai-client image
/// request takes files. The sandbox's alone; self-contained, so `scripts/fuzz.sh` compiles it
/// straight into the fuzz target.
enum MultipartForm {
    /// The boundary named in a `Content-Type` header, if it is multipart/form-data.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// The fields in order; nil when the body is not well-formed or holds a file.
    static func decode(_ body: [UInt8], boundary: String) -> [(String, String)]? {
        let delimiter = Array("--\(boundary)".utf8)
        var fields: [(String, String)] = []
        guard var cursor = find(delimiter, in: body, from: 0) else { return nil }
        cursor += delimiter.count
        while true {
            if body[cursor...].starts(with: Array("--".utf8)) { return fields }
            guard body[cursor...].starts(with: [13, 10]) else { return nil }
            cursor += 2
            guard let headEnd = find([13, 10, 13, 10], in: body, from: cursor),
                let next = find([13, 10] + delimiter, in: body, from: headEnd + 4)
            else { return nil }
            let head = String(decoding: body[cursor..<headEnd], as: UTF8.self)
            guard let name = fieldName(head) else { return nil }
            guard let value = String(validating: body[(headEnd + 4)..<next], as: UTF8.self) else { return nil }
            fields.append((name, value))
            cursor = next + 2 + delimiter.count
            guard cursor <= body.count else { return nil }
        }
    }

    /// `name` from `Content-Disposition: form-data; name="x"`; nil for file parts.
    private static func fieldName(_ head: String) -> String? {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            guard !line.lowercased().contains("filename=") else { return nil }
            guard let range = line.range(of: "name=\"") else { return nil }
            let rest = line[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
