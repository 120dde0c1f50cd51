import EaselImage
import Foundation

/// The ai-client threads API on the wire (seeds 000 and 004): form-encoded POSTs, JSON replies
/// wrapped in `{"data": …}`, bearer token, `Accept: application/json`.
public enum AIClientWire {
    /// `POST {base}/threads` with `ai_version_code`.
    public static func createThread(baseURL: String, token: String, aiVersionCode: String) -> OutgoingRequest {
        form(url: join(baseURL, "threads"), token: token, fields: [("ai_version_code", aiVersionCode)])
    }

    /// `POST {base}/threads/{guid}/entry`: `type=request` and the model's fields. Field order
    /// follows the seed tutorials: settings in catalog order, with weighted prompt parts right
    /// after the size (`resolution`) and a plain `prompt` last.
    public static func createEntry(baseURL: String, token: String, thread: String, request: ResolvedRequest) -> OutgoingRequest {
        form(url: join(baseURL, "threads/\(pathSegment(thread))/entry"), token: token, fields: entryFields(request))
    }

    /// The form fields of a request entry, in order.
    public static func entryFields(_ request: ResolvedRequest) -> [(String, String)] {
        var fields: [(String, String)] = [("type", "request")]
        let weighted = request.model.prompt.weights
        var promptFields: [(String, String)] = []
        if weighted {
            let parts = request.request.parts.filter { request.model.prompt.negative || $0.weight > 0 }
            for (index, part) in parts.enumerated() {
                promptFields.append(("prompts[\(index)][text]", part.text))
                promptFields.append(("prompts[\(index)][weight]", FormEncoding.number(part.weight)))
            }
        } else {
            promptFields.append(("prompt", request.foldedPrompt))
        }
        var placed = false
        for (name, value) in request.wireFields(explicitOnly: false) {
            fields.append((name, value.textValue))
            if weighted, !placed, name == request.model.spec(.size)?.wireName {
                fields += promptFields
                placed = true
            }
        }
        if !placed { fields += promptFields }
        return fields
    }

    /// `GET {base}/threads/{guid}/entries`.
    public static func listEntries(baseURL: String, token: String, thread: String) -> OutgoingRequest {
        OutgoingRequest(
            method: "GET", url: join(baseURL, "threads/\(pathSegment(thread))/entries"),
            headers: headers(token: token), timeout: .seconds(30))
    }

    /// `GET {base}/threads`: the thread list. The seeds do not document it; a server without it
    /// answers 404 or 405, and a sync then works from the threads it already knows.
    public static func listThreads(baseURL: String, token: String) -> OutgoingRequest {
        OutgoingRequest(method: "GET", url: join(baseURL, "threads"), headers: headers(token: token), timeout: .seconds(30))
    }

    public static func decodeThread(_ body: [UInt8]) -> AIClientThread? {
        JSONValue.parse(body)?["data"].flatMap(thread(from:))
    }

    /// The threads of a thread list (`{"data": [...]}`); nil when the reply is not that shape.
    /// Items without a guid are skipped rather than failing the whole list.
    public static func decodeThreadList(_ body: [UInt8]) -> [AIClientThread]? {
        guard let list = JSONValue.parse(body)?["data"]?.arrayValue else { return nil }
        return list.compactMap(thread(from:))
    }

    private static func thread(from data: JSONValue) -> AIClientThread? {
        guard let guid = data["guid"]?.stringValue, !guid.isEmpty else { return nil }
        return AIClientThread(
            guid: guid, aiCode: data["ai_code"]?.stringValue, aiVersionCode: data["ai_version_code"]?.stringValue,
            title: data["title"]?.stringValue, createdAt: data["created_at"]?.stringValue,
            updatedAt: data["updated_at"]?.stringValue)
    }

    public static func decodeEntry(_ body: [UInt8]) -> AIClientEntry? {
        JSONValue.parse(body)?["data"].flatMap(AIClientEntry.init(json:))
    }

    /// The entries of a thread; nil when the reply is not the documented shape.
    public static func decodeEntries(_ body: [UInt8]) -> [AIClientEntry]? {
        guard let list = JSONValue.parse(body)?["data"]?.arrayValue else { return nil }
        let entries = list.compactMap(AIClientEntry.init(json:))
        return entries.count == list.count ? entries : nil
    }

    /// Joins a path to a base URL the way the official SDKs do: exactly one slash between.
    public static func join(_ base: String, _ path: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + path
    }

    static func headers(token: String) -> [(String, String)] {
        [("Accept", "application/json"), ("Authorization", "Bearer " + token)]
    }

    private static func form(url: String, token: String, fields: [(String, String)]) -> OutgoingRequest {
        OutgoingRequest(
            method: "POST", url: url,
            headers: headers(token: token) + [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(FormEncoding.encode(fields).utf8), timeout: .seconds(120))
    }

    /// A guid as one path segment: anything but unreserved characters is escaped, so a hostile
    /// guid cannot change the path.
    static func pathSegment(_ text: String) -> String {
        FormEncoding.escape(text).replacingOccurrences(of: "+", with: "%20")
    }
}
