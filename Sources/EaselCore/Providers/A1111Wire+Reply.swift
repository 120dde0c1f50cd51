import EaselImage
import Foundation

extension A1111Wire {
    /// Decodes a successful txt2img reply; nil when it is not a JSON object with an `images` list.
    public static func decodeReply(_ body: [UInt8]) -> A1111Reply? {
        guard let json = JSONValue.parse(body), let list = json["images"]?.arrayValue else { return nil }
        var images: [String] = []
        for item in list {
            // A null or non-string entry is an image the server failed to encode: not skipped
            // silently, so the caller's count stays honest.
            images.append(item.stringValue ?? "")
        }
        let infoText: String?
        switch json["info"] {
        case .string(let text)?: infoText = text
        // Some forks send the object itself; it is kept as the text it would have been.
        case .object?: infoText = json["info"]?.jsonText
        default: infoText = nil
        }
        return A1111Reply(images: images, parameters: json["parameters"], infoText: infoText, info: A1111Info(parsing: infoText))
    }

    /// An error answer as one line for the user. `host` names the server in the credential
    /// message; `route` is the path asked for.
    public static func errorLine(status: Int, body: [UInt8], host: String, route: String = "txt2img") -> String {
        // Only the head of a body is read: a traceback can be megabytes long.
        let head = Array(body.prefix(256 << 10))
        let text = String(decoding: head, as: UTF8.self)
        if text.contains("CUDA out of memory") || text.contains("OutOfMemoryError") {
            return "the server's GPU ran out of memory (CUDA out of memory): try a smaller size, batch or checkpoint"
        }
        let json = JSONValue.parse(head)
        switch status {
        case 401, 403:
            return "a1111 at \(TerminalText.oneLine(host, limit: 100)) refused the credentials: set A1111_AUTH=user:password"
        case 404 where json?["detail"]?.stringValue == "Not Found" || json == nil:
            return "this server has no /sdapi/v1/\(route): start the web UI with --api"
        case 422:
            if let line = validationLine(json) { return line }
        default:
            break
        }
        if let json {
            // The web UI's own shape: {error: ExceptionName, detail, body, errors: "message"}.
            let kind = json["error"]?.stringValue
            let message = [json["errors"], json["detail"], json["body"], json["message"]].lazy
                .compactMap { $0?.stringValue }.first { !$0.isEmpty }
            switch (kind, message) {
            case (let kind?, let message?) where kind != message: return TerminalText.oneLine("\(kind): \(message)")
            case (_, let message?): return TerminalText.oneLine(message)
            case (let kind?, nil): return TerminalText.oneLine(kind)
            default: break
            }
        }
        if let last = tracebackLine(text) { return TerminalText.oneLine(last) }
        return "HTTP \(status) with an unreadable body"
    }

    /// FastAPI's `{detail: [{loc, msg, type}]}` as `field: message; …` (the first three).
    static func validationLine(_ json: JSONValue?) -> String? {
        guard let items = json?["detail"]?.arrayValue, !items.isEmpty else { return nil }
        let lines = items.prefix(3).map { item -> String in
            let location = (item["loc"]?.arrayValue ?? []).compactMap { $0.stringValue ?? $0.intValue.map(String.init) }
                .filter { $0 != "body" }.joined(separator: ".")
            let message = item["msg"]?.stringValue ?? "invalid"
            return location.isEmpty ? message : "\(location): \(message)"
        }
        let more = items.count > 3 ? " (and \(items.count - 3) more)" : ""
        return TerminalText.oneLine("the server refused the request: " + lines.joined(separator: "; ") + more)
    }

    /// The exception line of a Python traceback (`RuntimeError: …`), the last that names one.
    static func tracebackLine(_ text: String) -> String? {
        guard text.contains("Traceback") || text.contains("Error") else { return nil }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.last { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            let name = line[..<colon]
            return !name.isEmpty && !name.contains(" ") && (name.hasSuffix("Error") || name.hasSuffix("Exception"))
        } ?? lines.last { !$0.isEmpty }
    }
}
