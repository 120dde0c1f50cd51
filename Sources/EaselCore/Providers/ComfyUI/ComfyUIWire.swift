import EaselImage
import Foundation

/// ComfyUI's server API on the wire (wire notes §6.3): `POST /prompt` queues an API-format graph
/// under Easel's client id (and, where the server takes it, Easel's own prompt id), `/history`
/// and `/queue` say where it stands, `/view` serves the images, `/interrupt` and
/// `POST /queue {"delete"}` stop it. No key by default; one that is configured goes as a bearer
/// token (for servers behind an authenticating proxy).
public enum ComfyUIWire {
    /// One image a finished prompt saved: `/view`'s three parameters.
    public struct OutputImage: Sendable, Hashable {
        public var filename: String
        public var subfolder: String
        public var type: String

        public init(filename: String, subfolder: String, type: String) {
            self.filename = filename
            self.subfolder = subfolder
            self.type = type
        }
    }

    /// What `/history/{id}` says of a prompt.
    public enum HistoryStatus: Sendable, Hashable {
        /// Not in the history (yet): queued, running, or unknown.
        case absent
        case finished([OutputImage], graph: ComfyUIGraph?)
        case failed(String)
    }

    /// Where a prompt is in `/queue`.
    public enum QueueStatus: Sendable, Hashable {
        case running
        /// Waiting, with this many prompts ahead of it (running ones included).
        case pending(ahead: Int)
        case absent
    }

    // MARK: Requests

    /// `POST /prompt {"prompt", "client_id", "prompt_id"}`.
    public static func queuePrompt(baseURL: String, credential: Credential?, graph: ComfyUIGraph, clientID: String, promptID: String) -> OutgoingRequest {
        let body = JSONValue.object(["prompt": graph.json, "client_id": .string(clientID), "prompt_id": .string(promptID)])
        return OutgoingRequest(
            method: "POST", url: AIClientWire.join(baseURL, "prompt"), headers: headers(credential, json: true),
            body: Array(body.jsonText.utf8), timeout: .seconds(120))
    }

    /// A GET of a JSON route under the base URL (`history/ID`, `queue`, `object_info/…`).
    public static func get(_ path: String, baseURL: String, credential: Credential?) -> OutgoingRequest {
        OutgoingRequest(method: "GET", url: AIClientWire.join(baseURL, path), headers: headers(credential, json: false), timeout: .seconds(60))
    }

    /// `POST /interrupt {"prompt_id"}`: stops the prompt if it is the one running (older servers
    /// ignore the id and stop whatever runs, which is only ever sent when it is ours).
    public static func interrupt(baseURL: String, credential: Credential?, promptID: String) -> OutgoingRequest {
        OutgoingRequest(
            method: "POST", url: AIClientWire.join(baseURL, "interrupt"), headers: headers(credential, json: true),
            body: Array(JSONValue.object(["prompt_id": .string(promptID)]).jsonText.utf8), timeout: .seconds(30))
    }

    /// `POST /queue {"delete": [id]}`: takes a pending prompt off the queue.
    public static func deleteFromQueue(baseURL: String, credential: Credential?, promptID: String) -> OutgoingRequest {
        OutgoingRequest(
            method: "POST", url: AIClientWire.join(baseURL, "queue"), headers: headers(credential, json: true),
            body: Array(JSONValue.object(["delete": .array([.string(promptID)])]).jsonText.utf8), timeout: .seconds(30))
    }

    /// `{base}/view?filename=…&subfolder=…&type=…`, every value percent-encoded.
    public static func viewURL(baseURL: String, image: OutputImage) -> String {
        let query = [("filename", image.filename), ("subfolder", image.subfolder), ("type", image.type)]
            .map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
        return AIClientWire.join(baseURL, "view") + "?" + query
    }

    /// `ws://HOST/ws?clientId=ID` (wss for https) under the base URL.
    public static func socketURL(baseURL: String, clientID: String) -> String? {
        guard var parts = URLComponents(string: AIClientWire.join(baseURL, "ws")) else { return nil }
        switch parts.scheme?.lowercased() {
        case "http": parts.scheme = "ws"
        case "https": parts.scheme = "wss"
        default: return nil
        }
        parts.percentEncodedQuery = "clientId=" + escape(clientID)
        return parts.string
    }

    static func headers(_ credential: Credential?, json: Bool) -> [(String, String)] {
        var headers = [("Accept", "application/json")]
        if json { headers.append(("Content-Type", "application/json")) }
        if let secret = credential?.secret, !secret.isEmpty { headers.append(("Authorization", "Bearer " + secret)) }
        return headers
    }

    /// Percent-encodes everything but unreserved characters, so `&`, `=`, `+` and `/` in a file
    /// name stay inside their parameter.
    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    // MARK: Replies

    /// The prompt id of an accepted `POST /prompt`, and the node errors it still reported.
    public static func decodeQueued(_ body: [UInt8]) -> (promptID: String, nodeErrors: Int)? {
        guard let reply = JSONValue.parse(body), let id = reply["prompt_id"]?.stringValue, isSafeID(id) else { return nil }
        var errors = 0
        if case .object(let nodes)? = reply["node_errors"] { errors = nodes.count }
        return (id, errors)
    }

    /// Ids are shown and put into URLs: printable ASCII without spaces or slashes, ≤ 200.
    public static func isSafeID(_ id: String) -> Bool {
        (1...200).contains(id.utf8.count) && id.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && $0 != "/" && $0 != "?" && $0 != "#" }
    }

    /// The first checkpoint `GET /object_info/CheckpointLoaderSimple` lists, or nil.
    public static func firstCheckpoint(_ body: [UInt8]) -> String? { checkpoints(body).first }

    /// Every checkpoint `GET /object_info/CheckpointLoaderSimple` lists, in its order.
    public static func checkpoints(_ body: [UInt8]) -> [String] { options(body, node: "CheckpointLoaderSimple", input: "ckpt_name") }

    /// The values a node's list input takes, as `GET /object_info/NODE` gives them (KSampler's
    /// `sampler_name` and `scheduler`, a loader's file names), in the server's order.
    public static func options(_ body: [UInt8], node: String, input: String) -> [String] {
        let spec = JSONValue.parse(body)?[node]?["input"]?["required"]?[input]
        // Older servers: [["a.safetensors", …]]; newer: ["COMBO", {"options": […]}].
        let first = spec?.arrayValue?.first
        let names = first?.arrayValue ?? spec?.arrayValue?.dropFirst().first?["options"]?.arrayValue ?? []
        return names.compactMap(\.stringValue).filter { !$0.isEmpty }
    }

    /// What `/history/{id}` (or the whole `/history`) says of prompt `id`.
    public static func historyStatus(_ body: [UInt8], promptID: String) -> HistoryStatus? {
        guard case .object(let entries)? = JSONValue.parse(body) else { return nil }
        guard let entry = entries[promptID] else { return .absent }
        return status(of: entry)
    }

    static func status(of entry: JSONValue) -> HistoryStatus {
        let status = entry["status"]
        if status?["status_str"]?.stringValue == "error" {
            return .failed(failureLine(status?["messages"]))
        }
        if status?["completed"]?.boolValue == false { return .absent }
        var images: [OutputImage] = []
        var temporary: [OutputImage] = []
        if case .object(let outputs)? = entry["outputs"] {
            for node in outputs.keys.sorted(by: ComfyUIGraph.precedes) {
                for item in outputs[node]?["images"]?.arrayValue ?? [] {
                    guard let name = item["filename"]?.stringValue, !name.isEmpty else { continue }
                    let image = OutputImage(
                        filename: name, subfolder: item["subfolder"]?.stringValue ?? "", type: item["type"]?.stringValue ?? "output")
                    if image.type == "output" { images.append(image) } else { temporary.append(image) }
                }
            }
        }
        // `prompt` is [number, id, graph, extra_data, outputs].
        let graph: ComfyUIGraph? = {
            guard case .object(let nodes)? = entry["prompt"]?.arrayValue?.dropFirst(2).first else { return nil }
            return ComfyUIGraph(nodes: nodes)
        }()
        // Saved images are the result; a workflow that only previews still has its pictures.
        return .finished(Array((images.isEmpty ? temporary : images).prefix(256)), graph: graph)
    }

    /// The one line an `execution_error` (in the history's messages) comes down to.
    static func failureLine(_ messages: JSONValue?) -> String {
        for message in messages?.arrayValue ?? [] {
            guard let pair = message.arrayValue, pair.count == 2 else { continue }
            if pair[0].stringValue == "execution_error" { return executionErrorLine(pair[1]) }
            if pair[0].stringValue == "execution_interrupted" { return "the prompt was interrupted on the server" }
        }
        return "the prompt failed on the server"
    }

    /// `KSampler (node 3) failed: CUDA out of memory` from an `execution_error`'s data.
    public static func executionErrorLine(_ data: JSONValue) -> String {
        let kind = data["node_type"]?.stringValue.map { TerminalText.oneLine($0, limit: 60) } ?? "a node"
        let node = data["node_id"].flatMap { $0.stringValue ?? $0.intValue.map(String.init) }
        let message = TerminalText.oneLine(data["exception_message"]?.stringValue ?? "no message", limit: 300)
        return "\(kind)\(node.map { " (node \(TerminalText.oneLine($0, limit: 20)))" } ?? "") failed: \(message)"
    }

    /// Where prompt `id` stands in `/queue`'s `queue_running` and `queue_pending` (entries
    /// `[number, prompt_id, graph, extra_data, outputs]`); a prompt is also recognised by the
    /// client id in its `extra_data`, for servers that chose their own prompt id.
    public static func queueStatus(_ body: [UInt8], promptID: String, clientID: String? = nil) -> (status: QueueStatus, promptID: String?)? {
        guard let queue = JSONValue.parse(body), queue["queue_running"] != nil || queue["queue_pending"] != nil else { return nil }
        func matches(_ item: JSONValue) -> String? {
            guard let fields = item.arrayValue, fields.count >= 2, let id = fields[1].stringValue else { return nil }
            if id == promptID { return id }
            if let clientID, fields.count >= 4, fields[3]["client_id"]?.stringValue == clientID, isSafeID(id) { return id }
            return nil
        }
        let running = queue["queue_running"]?.arrayValue ?? []
        if let id = running.lazy.compactMap(matches).first { return (.running, id) }
        let pending = queue["queue_pending"]?.arrayValue ?? []
        guard let mine = pending.first(where: { matches($0) != nil }) else { return (.absent, nil) }
        let number = mine.arrayValue?.first?.doubleValue ?? 0
        let ahead = pending.filter { ($0.arrayValue?.first?.doubleValue ?? 0) < number }.count
        return (.pending(ahead: running.count + ahead), matches(mine))
    }

    /// The prompt id of the history entry made for `clientID`, for servers that chose their own.
    public static func historyPrompt(_ body: [UInt8], clientID: String) -> String? {
        guard case .object(let entries)? = JSONValue.parse(body) else { return nil }
        return entries.keys.sorted().first { id in
            entries[id]?["prompt"]?.arrayValue?.dropFirst(3).first?["client_id"]?.stringValue == clientID && isSafeID(id)
        }
    }
}
