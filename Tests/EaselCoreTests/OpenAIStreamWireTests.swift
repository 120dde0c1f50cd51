import EaselCore
import Testing

/// Decoding the events of OpenAI's image streams into what the runner acts on.
struct OpenAIStreamWireTests {
    static func sse(_ type: String, _ json: String) -> SSEEvent {
        SSEEvent(type: type, data: Array(json.utf8))
    }

    static let cases: [(SSEEvent, OpenAIImagesWire.StreamEvent?)] = [
        (sse("image_generation.partial_image", #"{"type":"image_generation.partial_image","b64_json":"QUJD","created_at":1,"size":"1024x1024","quality":"high","background":"opaque","output_format":"png","partial_image_index":1}"#),
         .partial(index: 1, base64: "QUJD")),
        (sse("image_edit.partial_image", #"{"type":"image_edit.partial_image","b64_json":"QUJD","partial_image_index":0}"#),
         .partial(index: 0, base64: "QUJD")),
        (sse("image_generation.completed", #"{"type":"image_generation.completed","b64_json":"REVG","usage":{"total_tokens":100,"input_tokens":50,"output_tokens":50,"input_tokens_details":{"text_tokens":10,"image_tokens":40}}}"#),
         .completed(base64: "REVG", usage: .object([
            "total_tokens": .int(100), "input_tokens": .int(50), "output_tokens": .int(50),
            "input_tokens_details": .object(["text_tokens": .int(10), "image_tokens": .int(40)]),
         ]))),
        // The type comes from the JSON when the event line is missing.
        (sse("message", #"{"type":"image_generation.completed","b64_json":"REVG"}"#), .completed(base64: "REVG", usage: nil)),
        // `ErrorEvent`: the data is the `Error` object itself.
        (sse("error", #"{"type":"image_generation_user_error","code":"moderation_blocked","message":"Your request was rejected by the safety system.","param":null}"#),
         .failed("Your request was rejected by the safety system. (moderation_blocked)")),
        // What the SDK also treats as an error: any data with an `error` key.
        (sse("message", #"{"error":{"message":"The server had an error\u001b[2J","type":"server_error","param":null,"code":null}}"#),
         .failed("The server had an error␛[2J (server_error)")),
        (sse("error", #"{"type":"error","error":"overloaded"}"#), .failed("overloaded")),
        (SSEEvent(data: Array("[DONE]".utf8)), .done),
        (sse("response.keepalive", #"{"type":"response.keepalive"}"#), .other(type: "response.keepalive")),
        // Not the documented JSON: a partial without its image, or no JSON at all.
        (sse("image_generation.partial_image", #"{"type":"image_generation.partial_image","partial_image_index":0}"#), nil),
        (sse("image_generation.completed", "not json"), nil),
    ]

    @Test(arguments: cases)
    func decodes(_ event: SSEEvent, _ expected: OpenAIImagesWire.StreamEvent?) {
        #expect(OpenAIImagesWire.decodeStreamEvent(event) == expected)
    }

    @Test func streamingAsksForEventsAndSendsTheStreamFields() throws {
        let request = try resolved(GenerationRequest(
            provider: .openAI, model: "gpt-image-2.5-flare", parts: [PromptPart("a kite")],
            settings: [.stream: .text("true"), .partialImages: .text("2"), .quality: .text("max")]))
        #expect(String(decoding: OpenAIImagesWire.body(request), as: UTF8.self)
            == #"{"model":"gpt-image-2.5-flare","partial_images":2,"prompt":"a kite","quality":"max","stream":true}"#)
    }
}
