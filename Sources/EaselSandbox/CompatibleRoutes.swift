import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// An OpenAI-compatible server as LocalAI is one (wire notes §6.1), served under
/// `/compatible/v1`: OpenAI's `POST /images/generations` plus LocalAI's own fields — `step`,
/// `seed`, `mode` — any model name, no key needed (a wrong one is refused), and OpenAI's error
/// shape. Like LocalAI, it takes a seed and does not report one back.
struct CompatibleRoutes: Sendable {
    let state: SandboxState
    let auth: SandboxAuth
    let delay: Double

    static let route = "compatible-generate"
    /// OpenAI's fields and LocalAI's additions.
    static let knownFields = SandboxImagesRequest.knownFields.union(["step", "seed", "mode"])

    func register(on router: Router<SandboxRequestContext>) {
        router.post("/compatible/v1/images/generations") { request, _ in
            await state.record(Self.route)
            return try await generate(request)
        }
        let edits = SandboxEditRoute(state: state, delay: delay, flavour: .compatible)
        router.post("/compatible/v1/images/edits") { request, _ in
            try await edits.handle(request, operation: .edit)
        }
        router.post("/compatible/v1/images/variations") { request, _ in
            try await edits.handle(request, operation: .variation)
        }
    }

    private func generate(_ request: Request) async throws -> Response {
        let parsed = try? await SandboxImagesRequest.fields(of: request).get()
        await state.remember(SandboxImagesRequest.received(request, route: Self.route, body: parsed))
        if case .wrong(let key) = auth.check(request) {
            return SandboxReply.openAI(.unauthorized, "Incorrect API key provided: \(SandboxAuth.masked(key)).", code: "invalid_api_key")
        }
        guard var fields = parsed else { return refusal("the body is not a JSON object", param: nil) }
        if let unknown = fields.keys.sorted().first(where: { !Self.knownFields.contains($0) }) {
            return refusal("unknown field: \(unknown)", param: unknown)
        }
        let model = fields["model"]?.stringValue ?? "default"
        // Back from LocalAI's wire names to Easel's setting names (`step` is `steps`).
        let entry = Catalog.bundled.model(model, of: .compatible)
        for spec in entry?.settings ?? [] where spec.wireName != spec.name.rawValue {
            if let value = fields.removeValue(forKey: spec.wireName) { fields[spec.name.rawValue] = value }
        }
        fields["mode"] = nil
        fields["model"] = nil
        let resolved: ResolvedRequest
        switch SandboxImagesRequest.resolve(fields, provider: .compatible, model: model, known: nil) {
        case .success(let found): resolved = found
        case .failure(let problem): return refusal(problem.message, param: problem.field)
        }
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
        let origin = "http://" + (request.head.authority ?? "127.0.0.1")
        let inline = resolved[.responseFormat]?.textValue == "b64_json"
        let items = try await SandboxImages.paint(resolved, inline: inline, folder: "compatible", origin: origin, state: state)
        let data: [JSONValue] = items.enumerated().map { index, item in
            var fields = item.fields
            fields["index"] = .int(index)
            return .object(fields)
        }
        return SandboxReply.json(.object([
            "id": .string(UUID().uuidString.lowercased()), "created": .int(Int(Date().timeIntervalSince1970)),
            "data": .array(data), "usage": .object(["prompt_tokens": .int(0), "completion_tokens": .int(0), "total_tokens": .int(0)]),
        ]))
    }

    private func refusal(_ message: String, param: String?) -> Response {
        SandboxReply.openAI(.badRequest, message, param: param, code: "invalid_request")
    }
}
