import EaselCore
import EaselImage
import Foundation
import Hummingbird

extension SandboxReply {
    /// Azure's plain error: `{"error": {"code", "message"}}`, plus `param`/`type` for validation.
    static func azure(
        _ status: HTTPResponse.Status, code: String, _ message: String, param: String? = nil, type: String? = nil
    ) -> Response {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if let param { error["param"] = .string(param) }
        if let type { error["type"] = .string(type) }
        return json(.object(["error": .object(error)]), status: status)
    }

    /// A content-filter refusal in the shape the prompt's trigger asks for (see `AzureFilterTrigger`).
    static func azureBlocked(_ trigger: AzureFilterTrigger, prompt: String) -> Response {
        let results = AzureFilterTrigger.results(flagging: trigger.categories)
        let body: JSONValue
        switch trigger.shape {
        case .task, .output:
            // The how-to page's shape: a bare code and message next to `created`.
            let message = trigger.shape == .task
                ? "Your task failed as a result of our safety system."
                : "Generated image was filtered as a result of our safety system."
            body = .object([
                "created": .int(Int(Date().timeIntervalSince1970)),
                "error": .object(["code": .string("contentFilter"), "message": .string(message)]),
            ])
        case .policy:
            // The REST reference's `dalleErrorResponse`: `inner_error`, plural results.
            body = .object([
                "error": .object([
                    "code": .string("content_policy_violation"),
                    "message": .string(
                        "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system."),
                    "param": .string("prompt"), "type": .string("invalid_request_error"),
                    "inner_error": .object([
                        "code": .string("ResponsibleAIPolicyViolation"), "content_filter_results": results,
                        "revised_prompt": .string("A detailed rendering of " + prompt),
                    ]),
                ])
            ])
        case .chat:
            // The chat style: `innererror`, singular result, `type` null and a `status` field.
            body = .object([
                "error": .object([
                    "code": .string("content_filter"),
                    "message": .string(
                        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry."),
                    "param": .string("prompt"), "type": .null, "status": .int(400),
                    "innererror": .object(["code": .string("ResponsibleAIPolicyViolation"), "content_filter_result": results]),
                ])
            ])
        }
        return json(body, status: .badRequest)
    }
}
