import EaselImage
import Foundation

/// Ace Data Cloud's OpenAI images proxy on the wire (seed 002, wire notes §5): a JSON
/// `POST /openai/images/generations` answered in OpenAI's `ImagesResponse` shape, or — when the
/// body names a `callback_url` — at once with `{"task_id"}`, the images following later in a
/// callback POST and in `POST /openai/tasks {"action": "retrieve"}`. Errors are
/// `{"success": false, "error": {"code", "message"}, "trace_id"}`.
public enum AceDataWire {
    /// Where a task stands, as a retrieve reply or a callback says.
    public enum TaskStatus: Sendable, Hashable {
        /// No task has this id (`{}`): not created yet, or never.
        case notFound
        /// The task exists and has no response yet.
        case pending(taskID: String?)
        /// The task finished with images.
        case finished(OpenAIImagesWire.Reply)
        /// The task finished with an error.
        case failed(code: String?, message: String)
    }

    /// The generation request. With `task`, the body adds `callback_url` and Easel's `trace_id`,
    /// which makes the service answer with a task id instead of holding the connection open.
    public static func createImage(
        baseURL: String, token: String, request: ResolvedRequest, callbackURL: String? = nil, traceID: String? = nil
    ) -> OutgoingRequest {
        var fields: [String: JSONValue] = ["model": .string(request.model.id), "prompt": .string(request.foldedPrompt)]
        for (name, value) in request.wireFields(explicitOnly: true) {
            switch value {
            case .integer(let number): fields[name] = .int(number)
            case .boolean(let flag): fields[name] = .bool(flag)
            case .text(let text): fields[name] = .string(text)
            }
        }
        if let callbackURL { fields["callback_url"] = .string(callbackURL) }
        if let traceID { fields["trace_id"] = .string(traceID) }
        return OutgoingRequest(
            method: "POST", url: AIClientWire.join(baseURL, "openai/images/generations"), headers: headers(token: token),
            body: Array(JSONValue.object(fields).jsonText.utf8), timeout: .seconds(600))
    }

    /// `POST /openai/tasks {"action": "retrieve", …}`: by the task id, or by Easel's trace id when
    /// the task id was never learnt (the service prefers the trace id when both are given).
    public static func retrieveTask(baseURL: String, token: String, task: RemoteTask, byTrace: Bool = false) -> OutgoingRequest {
        var fields: [String: JSONValue] = ["action": .string("retrieve")]
        if let taskID = task.taskID, !byTrace {
            fields["id"] = .string(taskID)
        } else {
            fields["trace_id"] = .string(task.traceID)
        }
        return OutgoingRequest(
            method: "POST", url: AIClientWire.join(baseURL, "openai/tasks"), headers: headers(token: token),
            body: Array(JSONValue.object(fields).jsonText.utf8), timeout: .seconds(60))
    }

    static func headers(token: String) -> [(String, String)] {
        [("Accept", "application/json"), ("Authorization", "Bearer " + token), ("Content-Type", "application/json")]
    }

    /// The task id of an accepted task-mode request, if the reply is `{"task_id": …}`. Ids are
    /// shown in messages, so only printable ASCII without spaces is taken.
    public static func decodeTaskID(_ body: [UInt8]) -> String? {
        guard let id = JSONValue.parse(body)?["task_id"]?.stringValue, !id.isEmpty, id.utf8.count <= 200,
            id.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return nil }
        return id
    }

    /// A synchronous reply's images (OpenAI's shape).
    public static func decodeImages(_ body: [UInt8]) -> OpenAIImagesWire.Reply? {
        JSONValue.parse(body).flatMap(images(in:))
    }

    /// A retrieve reply: `{}` when unknown, the task without `response` while it runs, and with
    /// `response` once it is done. Nil when the reply is not a JSON object.
    public static func decodeRetrieve(_ body: [UInt8]) -> TaskStatus? {
        guard let json = JSONValue.parse(body), case .object(let fields) = json else { return nil }
        if fields.isEmpty { return .notFound }
        let taskID = json["id"]?.stringValue
        guard let response = json["response"], response != .null else {
            if taskID == nil && json["trace_id"] == nil { return .notFound }
            return .pending(taskID: taskID)
        }
        return outcome(of: response)
    }

    /// A callback POST: who it is about and how the task ended. Nil when it is not one.
    public static func decodeCallback(_ body: [UInt8]) -> (task: RemoteTask, status: TaskStatus)? {
        guard let json = JSONValue.parse(body), let trace = json["trace_id"]?.stringValue, !trace.isEmpty else { return nil }
        let task = RemoteTask(traceID: trace, taskID: json["task_id"]?.stringValue)
        if json["success"]?.boolValue == false || (json["error"] != nil && json["data"] == nil) {
            return (task, failure(json))
        }
        guard let data = json["data"], let reply = images(in: data) else { return nil }
        return (task, .finished(reply))
    }

    /// A task's `response` (or a callback's `data`): images, or an error.
    static func outcome(of response: JSONValue) -> TaskStatus {
        if response["success"]?.boolValue == false || (response["error"] != nil && response["data"] == nil) {
            return failure(response)
        }
        guard let reply = images(in: response) else {
            return .failed(code: nil, message: "the finished task carries no images")
        }
        return .finished(reply)
    }

    private static func failure(_ json: JSONValue) -> TaskStatus {
        let code = json["error"]?["code"]?.stringValue
        let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue ?? "the task failed without a reason"
        return .failed(code: code.map { TerminalText.oneLine($0, limit: 60) }, message: TerminalText.oneLine(message, limit: 300))
    }

    /// The `{created, data: [{url | b64_json, revised_prompt}]}` object, if that is what it is.
    static func images(in json: JSONValue) -> OpenAIImagesWire.Reply? {
        guard let list = json["data"]?.arrayValue else { return nil }
        let data = list.map { item in
            OpenAIImagesWire.Datum(
                url: item["url"]?.stringValue, base64: item["b64_json"]?.stringValue,
                revisedPrompt: item["revised_prompt"]?.stringValue)
        }
        return OpenAIImagesWire.Reply(
            created: json["created"]?.intValue, data: data, usage: json["usage"], outputFormat: json["output_format"]?.stringValue,
            size: json["size"]?.stringValue, quality: json["quality"]?.stringValue, background: json["background"]?.stringValue,
            raw: .null)
    }

    /// The error code and message of an error reply, if it has Ace's shape (`error` may also be
    /// a plain string, as the service's own SDK allows).
    public static func errorParts(_ body: [UInt8]) -> (code: String?, message: String?, trace: String?) {
        guard let json = JSONValue.parse(body) else { return (nil, nil, nil) }
        let code = (json["error"]?["code"]?.stringValue ?? json["code"]?.stringValue).map { TerminalText.oneLine($0, limit: 60) }
        let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue ?? json["message"]?.stringValue
        return (code, message, json["trace_id"]?.stringValue)
    }

    /// One line for an error reply: what the documented code means for the user, then the
    /// service's own words and its trace id (which its support asks for).
    public static func errorLine(status: Int, body: [UInt8]) -> String {
        let (code, message, trace) = errorParts(body)
        var line = AceDataErrorCode.explanation(status: status, code: code)
        if let message, !message.isEmpty { line += "; the service said: " + TerminalText.oneLine(message, limit: 200) }
        if let trace, !trace.isEmpty { line += " (trace \(TerminalText.oneLine(trace, limit: 64)))" }
        return TerminalText.oneLine(line, limit: 400)
    }
}
