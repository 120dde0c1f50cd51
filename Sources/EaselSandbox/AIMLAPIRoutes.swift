import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// AI/ML API's `POST /v1/images/generations`, served under `/aimlapi/v1` (its path is OpenAI's).
/// Models and limits are its catalog entries; errors are `{message, path, requestId, statusCode,
/// timestamp}`. Replies come in both of its shapes: the current `data[]` with
/// `meta.usage.credits_used`, and the older gateway reply with `output.choices[].image_base64`,
/// which DALL·E 2 answers with (seed 001). The header `X-Sandbox-Reply: legacy|current` picks
/// one for any model; a prompt with `[no-credits]` is refused as an empty balance is.
struct AIMLAPIRoutes: Sendable {
    let state: SandboxState
    let auth: SandboxAuth
    let delay: Double

    static let route = "aimlapi-generate"
    /// The path AI/ML API reports in its errors.
    static let path = "/v1/images/generations"

    /// Credits per image, by model: made-up but stable numbers in the range the docs show.
    static let creditsPerImage: [String: Int] = [
        "dall-e-2": 21_000, "dall-e-3": 84_000, "openai/gpt-image-1": 120_000, "openai/gpt-image-1-mini": 42_000,
        "openai/gpt-image-1-5": 126_000,
    ]

    func register(on router: Router<SandboxRequestContext>) {
        router.post("/aimlapi/v1/images/generations") { request, _ in
            await state.record(Self.route)
            return try await generate(request)
        }
    }

    private func generate(_ request: Request) async throws -> Response {
        let parsed = try? await SandboxImagesRequest.fields(of: request).get()
        await state.remember(SandboxImagesRequest.received(request, route: Self.route, body: parsed))
        switch auth.check(request) {
        case .accepted: break
        case .missing: return SandboxReply.aimlAPI(.unauthorized, "Unauthorized: no API key was given", path: Self.path)
        case .wrong: return SandboxReply.aimlAPI(.unauthorized, "Unauthorized: the API key is not valid", path: Self.path)
        }
        guard let fields = parsed else { return refusal("the body is not a JSON object") }
        guard let model = fields["model"]?.stringValue else { return refusal("model: Required") }
        guard Catalog.bundled.model(model, of: .aimlAPI) != nil else {
            let known = Catalog.bundled.provider(.aimlAPI)?.models.map { "'\($0.id)'" }.joined(separator: " | ") ?? ""
            return refusal("model: Expected \(known), received '\(TerminalText.oneLine(model, limit: 80))'")
        }
        let resolved: ResolvedRequest
        switch SandboxImagesRequest.resolve(fields, provider: .aimlAPI, model: model) {
        case .success(let found): resolved = found
        case .failure(let problem): return refusal(problem.message)
        }
        if resolved.foldedPrompt.lowercased().contains("[no-credits]") {
            return SandboxReply.aimlAPI(
                .forbidden, "You have run out of credits. Top up your balance to continue.", path: Self.path)
        }
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
        let asked = request.headers.first { $0.name.canonicalName.lowercased() == "x-sandbox-reply" }?.value.lowercased()
        let legacy = asked.map { $0 == "legacy" } ?? (model == "dall-e-2")
        let origin = "http://" + (request.head.authority ?? "127.0.0.1")
        let inline = legacy || resolved[.responseFormat]?.textValue == "b64_json"
        let items = try await SandboxImages.paint(resolved, inline: inline, folder: "aimlapi", origin: origin, state: state)
        if legacy { return Self.legacyReply(resolved, items: items) }
        let data: [JSONValue] = items.map { item in
            var fields = item.fields
            if fields["b64_json"] == nil { fields["b64_json"] = .null }
            return .object(fields)
        }
        let credits = (Self.creditsPerImage[model] ?? 100_000) * items.count
        return SandboxReply.json(.object([
            "created": .int(Int(Date().timeIntervalSince1970)), "data": .array(data),
            "meta": .object(["usage": .object(["credits_used": .int(credits)])]),
        ]))
    }

    private func refusal(_ detail: String) -> Response {
        SandboxReply.aimlAPI(.badRequest, "Body validation error! " + detail, path: Self.path)
    }

    /// The older gateway reply (HTTP 201), as seed 001 shows it.
    static func legacyReply(_ request: ResolvedRequest, items: [SandboxImages.Item]) -> Response {
        let choices: [JSONValue] = items.map { .object(["image_base64": .string(Data($0.bytes).base64EncodedString())]) }
        var args: [String: JSONValue] = ["model": .string(request.model.id), "prompt": .string(request.foldedPrompt)]
        args["n"] = .int(items.count)
        args["size"] = request[.size].map { .string($0.textValue) } ?? .null
        return SandboxReply.json(
            .object([
                "status": .string("succeeded"), "prompt": .array([.string(request.foldedPrompt)]),
                "model": .string(request.model.id), "model_owner": .string("openai"), "tags": .object([:]),
                "num_returns": .int(items.count), "args": .object(args), "subjobs": .array([]),
                "output": .object(["choices": .array(choices)]),
            ]), status: .created)
    }
}
