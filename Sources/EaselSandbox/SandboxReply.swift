import EaselCore
import EaselImage
import Hummingbird
import NIOCore

/// JSON replies and each provider's error shapes.
enum SandboxReply {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: value.jsonText)))
    }

    /// ai-client is a Laravel app: errors are `{"message": …}`, validation adds `errors` by field.
    static func laravel(_ status: HTTPResponse.Status, _ message: String, errors: [String: [String]] = [:]) -> Response {
        var body: [String: JSONValue] = ["message": .string(message)]
        if !errors.isEmpty {
            body["errors"] = .object(errors.mapValues { .array($0.map(JSONValue.string)) })
        }
        return json(.object(body), status: status)
    }

    /// OpenAI's `{"error": {message, type, param, code}}`.
    static func openAI(
        _ status: HTTPResponse.Status, _ message: String, type: String = "invalid_request_error", param: String? = nil,
        code: String? = nil
    ) -> Response {
        json(
            .object([
                "error": .object([
                    "message": .string(message), "type": .string(type), "param": param.map(JSONValue.string) ?? .null,
                    "code": code.map(JSONValue.string) ?? .null,
                ])
            ]), status: status)
    }
}
