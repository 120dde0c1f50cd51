import Foundation

/// The fields of a `POST /upload/image` multipart body that the sandbox keeps: the `image` file
/// (its file name, made safe) and the `subfolder` and `type` fields.
struct ComfyUIUpload {
    var name: String
    var subfolder: String
    var type: String
    var bytes: [UInt8]

    init?(body: [UInt8], contentType: String) {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        let boundary = String(contentType[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty else { return nil }
        let marker = Array(("--" + boundary).utf8)
        var parts: [[UInt8]] = []
        var start: Int?
        var index = 0
        while index + marker.count <= body.count {
            if body[index] == marker[0], Array(body[index..<index + marker.count]) == marker {
                if let start { parts.append(Array(body[start..<max(start, index - 2)])) }
                index += marker.count
                start = index + 2
                continue
            }
            index += 1
        }
        var image: (String, [UInt8])?
        var fields: [String: String] = [:]
        for part in parts {
            guard let split = Self.headerEnd(part) else { continue }
            let head = String(decoding: part[..<split], as: UTF8.self)
            let content = Array(part[(split + 4)...])
            guard let field = Self.attribute("name", in: head) else { continue }
            if field == "image", let file = Self.attribute("filename", in: head) {
                image = (file, content)
            } else {
                fields[field] = String(decoding: content, as: UTF8.self)
            }
        }
        guard let (file, bytes) = image, !bytes.isEmpty else { return nil }
        let safe = String(file.split(separator: "/").last ?? "upload.png").filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
        name = safe.isEmpty ? "upload.png" : safe
        subfolder = (fields["subfolder"] ?? "").filter { $0.isLetter || $0.isNumber || "_-".contains($0) }
        type = ["input", "temp", "output"].contains(fields["type"] ?? "") ? fields["type"]! : "input"
        self.bytes = bytes
    }

    private static func headerEnd(_ part: [UInt8]) -> Int? {
        guard part.count >= 4 else { return nil }
        for index in 0...(part.count - 4) where part[index] == 13 && part[index + 1] == 10 && part[index + 2] == 13 && part[index + 3] == 10 {
            return index
        }
        return nil
    }

    private static func attribute(_ name: String, in head: String) -> String? {
        guard let range = head.range(of: " \(name)=\"") else { return nil }
        let rest = head[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
