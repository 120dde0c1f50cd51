/// Reads `multipart/form-data` bodies with file parts (RFC 7578), strictly: every part needs a
/// `Content-Disposition: form-data` with a quoted name, the delimiters must be well formed and the
/// closing one present. Nil for anything else — a client bug the sandbox should expose.
enum SandboxMultipart {
    static func decode(_ body: [UInt8], boundary: String) -> [SandboxMultipartPart]? {
        let delimiter = Array("--\(boundary)".utf8)
        guard body.starts(with: delimiter) else { return nil }
        var cursor = delimiter.count
        var parts: [SandboxMultipartPart] = []
        let separator: [UInt8] = [13, 10] + delimiter
        while true {
            if body[cursor...].starts(with: [45, 45]) { return parts }
            guard body[cursor...].starts(with: [13, 10]) else { return nil }
            cursor += 2
            guard let headEnd = find([13, 10, 13, 10], in: body, from: cursor),
                let next = find(separator, in: body, from: headEnd + 4)
            else { return nil }
            guard let head = String(validating: body[cursor..<headEnd], as: UTF8.self), var part = parseHead(head) else { return nil }
            part.bytes = Array(body[(headEnd + 4)..<next])
            parts.append(part)
            cursor = next + separator.count
            guard cursor + 2 <= body.count else { return nil }
        }
    }

    /// Name, filename and content type from a part's header lines.
    static func parseHead(_ head: String) -> SandboxMultipartPart? {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in head.split(separator: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                guard lower.dropFirst("content-disposition:".count).trimmingPrefix(" ").hasPrefix("form-data") else { return nil }
                name = parameter("name", in: String(line))
                filename = parameter("filename", in: String(line))
            } else if lower.hasPrefix("content-type:") {
                contentType = String(line.dropFirst("content-type:".count)).trimmingPrefix(" ").description
            }
        }
        guard let name else { return nil }
        return SandboxMultipartPart(name: name, filename: filename, contentType: contentType, bytes: [])
    }

    /// `key="value"` from a header line (`name` must not match inside `filename`).
    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let trimmed = piece.trimmingPrefix(" ")
            guard trimmed.hasPrefix(key + "=\""), trimmed.hasSuffix("\""), trimmed.count >= key.count + 3 else { continue }
            return String(trimmed.dropFirst(key.count + 2).dropLast())
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            while index <= buffer.count - needle.count {
                if buffer[index] == first {
                    var match = true
                    for offset in 1..<needle.count where buffer[index + offset] != needle[offset] {
                        match = false
                        break
                    }
                    if match { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
