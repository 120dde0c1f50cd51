import EaselImage
import EaselCore
import Foundation
import Hummingbird

/// OpenAI's `POST /v1/images/generations`: a JSON body checked like the real API (unknown
/// arguments, types, the catalog's limits), answered with an `ImagesResponse` or `{"error": …}`.
struct OpenAIRoutes: Sendable {
    let state: SandboxState
    let auth: SandboxAuth
    let delay: Double
    /// Seconds between the events of a streamed reply.
    var streamInterval: Double = 0.05

    /// Every field of `CreateImageRequest` in the reference schema.
    static let knownFields: Set<String> = [
        "prompt", "model", "n", "quality", "response_format", "output_format", "output_compression", "stream",
        "partial_images", "size", "moderation", "background", "style", "user",
    ]

    func register(on router: Router<SandboxRequestContext>) {
        router.post("/v1/images/generations") { request, _ in
            await state.record("openai-generate")
            return try await generate(request)
        }
        let edits = SandboxEditRoute(state: state, delay: delay, flavour: .openAI, streamInterval: streamInterval)
        router.post("/v1/images/edits") { request, _ in
            try await edits.handle(request, operation: .edit)
        }
        router.post("/v1/images/variations") { request, _ in
            try await edits.handle(request, operation: .variation)
        }
    }

    private func generate(_ request: Request) async throws -> Response {
        switch auth.check(request) {
        case .accepted:
            break
        case .missing:
            return SandboxReply.openAI(
                .unauthorized,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")
        case .wrong(let key):
            return SandboxReply.openAI(
                .unauthorized, "Incorrect API key provided: \(SandboxAuth.masked(key)).", code: "invalid_api_key")
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            return SandboxReply.openAI(.badRequest, "Send the request body as JSON (Content-Type: application/json).")
        }
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        guard case .object(let fields)? = JSONValue.parse(Array(buffer: body)) else {
            return SandboxReply.openAI(
                .badRequest,
                "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.")
        }
        if let unknown = fields.keys.sorted().first(where: { !Self.knownFields.contains($0) }) {
            return SandboxReply.openAI(.badRequest, "Unrecognized request argument supplied: \(unknown)")
        }
        guard case .string(let prompt)? = fields["prompt"] else {
            return SandboxReply.openAI(
                .badRequest, "Missing required parameter: 'prompt'.", param: "prompt", code: "missing_required_parameter")
        }
        let modelID = fields["model"]?.stringValue ?? "dall-e-2"
        let streaming: (stream: Bool, partials: Int)
        switch Self.streaming(fields, model: modelID) {
        case .failure(let refusal): return refusal.response
        case .success(let found): streaming = found
        }
        let settings: [SettingName: SettingValue]
        switch Self.settings(fields, model: modelID) {
        case .failure(let refusal): return refusal.response
        case .success(let found): settings = found
        }
        let asked = GenerationRequest(provider: .openAI, model: modelID, parts: [PromptPart(prompt)], settings: settings)
        let resolved: ResolvedRequest
        switch Catalog.bundled.resolve(asked) {
        case .failure(let failure):
            let first = failure.problems[0]
            let param = first.field.hasPrefix("prompt") ? "prompt" : first.field
            return SandboxReply.openAI(.badRequest, first.description, param: param, code: "invalid_value")
        case .success(let found):
            resolved = found
        }
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
        if streaming.stream {
            return OpenAIStreamReply(request: resolved, partials: streaming.partials, interval: streamInterval, state: state).response()
        }
        return try await reply(resolved, origin: "http://" + (request.head.authority ?? "127.0.0.1"))
    }

    /// `stream` and `partial_images`, typed and limited as the reference schema says; streaming
    /// is for the GPT image models only (the catalog gives them a `stream` setting).
    private static func streaming(_ fields: [String: JSONValue], model: String) -> Result<(stream: Bool, partials: Int), FormRefusal> {
        var stream = false
        switch fields["stream"] {
        case nil, .null?: break
        case .bool(let flag)?: stream = flag
        default:
            return .failure(FormRefusal(response: SandboxReply.openAI(
                .badRequest, "Invalid type for 'stream': expected a boolean.", param: "stream", code: "invalid_type")))
        }
        var partials = 0
        switch fields["partial_images"] {
        case nil, .null?: break
        case let value? where value.integerValue.map { (0...3).contains($0) } == true: partials = value.integerValue ?? 0
        case let value? where value.integerValue != nil:
            let number = value.integerValue ?? 0
            return .failure(FormRefusal(response: SandboxReply.openAI(
                .badRequest, "Invalid 'partial_images': \(number). Expected a value between 0 and 3.", param: "partial_images",
                code: "invalid_value")))
        default:
            return .failure(FormRefusal(response: SandboxReply.openAI(
                .badRequest, "Invalid type for 'partial_images': expected an integer.", param: "partial_images",
                code: "invalid_type")))
        }
        if stream, Catalog.bundled.model(model, of: .openAI)?.spec(.stream) == nil {
            return .failure(FormRefusal(response: SandboxReply.openAI(
                .badRequest, "Streaming is not supported for model '\(model)'; use a GPT image model.", param: "stream",
                code: "unsupported_value")))
        }
        return .success((stream, partials))
    }

    /// The settings of the body, typed as the schema requires.
    private static func settings(_ fields: [String: JSONValue], model: String) -> Result<[SettingName: SettingValue], FormRefusal> {
        SandboxSettings.typed(fields, spec: Catalog.bundled.model(model, of: .openAI)).mapError { wrong in
            FormRefusal(response: SandboxReply.openAI(
                .badRequest, "Invalid type for '\(wrong.field)': expected \(wrong.expected).", param: wrong.field,
                code: "invalid_type"))
        }
    }

    private func reply(_ request: ResolvedRequest, origin: String) async throws -> Response {
        let isGPTImage = request.model.id.hasPrefix("gpt-image") || request.model.id.hasPrefix("chatgpt-image")
        let sizeText = request[.size]?.textValue ?? "1024x1024"
        let size = ImageSize(parsing: sizeText) ?? ImageSize(width: 1024, height: 1024)
        let count = request[.n]?.integerValue ?? 1
        let outputFormat = request[.outputFormat]?.textValue ?? "png"
        let format: ImageFormat = ImageFormat(rawValue: outputFormat) ?? .png
        let inline = isGPTImage || request[.responseFormat]?.textValue == "b64_json"
        let painted = try SandboxPainter.paint(
            prompt: request.foldedPrompt, size: size, count: count, folder: "openai", origin: origin, format: format,
            thumbnails: false)
        if !inline {
            await state.store(painted.reduce(into: [:]) { $0.merge($1.files) { new, _ in new } })
        }
        let data: [JSONValue] = painted.map { item in
            var datum: [String: JSONValue] =
                inline ? ["b64_json": .string(Data(item.bytes).base64EncodedString())] : ["url": .string(item.image.url)]
            if request.model.id == "dall-e-3" {
                datum["revised_prompt"] = .string("A detailed, vivid rendering of " + request.foldedPrompt)
            }
            return .object(datum)
        }
        var body: [String: JSONValue] = ["created": .int(Int(Date().timeIntervalSince1970)), "data": .array(data)]
        if isGPTImage {
            let promptTokens = max(1, request.foldedPrompt.split(separator: " ").count * 4 / 3)
            let imageTokens = 272 * count
            body["usage"] = .object([
                "input_tokens": .int(promptTokens), "output_tokens": .int(imageTokens),
                "total_tokens": .int(promptTokens + imageTokens),
                "input_tokens_details": .object(["text_tokens": .int(promptTokens), "image_tokens": .int(0)]),
            ])
            body["output_format"] = .string(outputFormat)
            body["size"] = .string(size.description)
            body["quality"] = .string(request[.quality]?.textValue == "auto" ? "medium" : request[.quality]?.textValue ?? "medium")
            body["background"] = .string(request[.background]?.textValue == "transparent" ? "transparent" : "opaque")
        }
        return SandboxReply.json(.object(body))
    }
}
