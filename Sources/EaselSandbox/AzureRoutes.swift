import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// Azure OpenAI's image generation in both URL forms: `/openai/deployments/{deployment}/images/generations?api-version=…`
/// and the v1 API's `/openai/v1/images/generations` (`model` = deployment). Keys come as
/// `api-key` (or a bearer token); replies carry the content filter's results per image, and
/// prompts with a `[blocked…]` trigger get its refusals (`AzureFilterTrigger`).
struct AzureRoutes: Sendable {
    let state: SandboxState
    let auth: SandboxAuth
    let delay: Double
    /// Deployment name → model id, beyond the catalog's models deployed under their own ids.
    let deployments: [String: String]

    static let route = "azure-generate"

    func register(on router: Router<SandboxRequestContext>) {
        router.post("/openai/deployments/:deployment/images/generations") { request, context in
            await state.record(Self.route)
            guard let version = request.uri.queryParameters.get("api-version") else {
                await state.remember(SandboxImagesRequest.received(request, route: Self.route, body: nil))
                // What Azure answers a deployments URL without an api-version.
                return SandboxReply.azure(.notFound, code: "404", "Resource not found")
            }
            guard version.wholeMatch(of: /\d{4}-\d{2}-\d{2}(-preview)?/) != nil else {
                await state.remember(SandboxImagesRequest.received(request, route: Self.route, body: nil))
                return SandboxReply.azure(.badRequest, code: "BadRequest", "API version not supported")
            }
            return try await generate(request, deployment: context.parameters.get("deployment"))
        }
        let edits = SandboxEditRoute(state: state, delay: delay, flavour: .azure)
        router.post("/openai/deployments/:deployment/images/edits") { request, context in
            guard let version = request.uri.queryParameters.get("api-version"),
                version.wholeMatch(of: /\d{4}-\d{2}-\d{2}(-preview)?/) != nil
            else {
                await state.record(SandboxEditRoute.routeName(.azure, .edit))
                return SandboxReply.azure(.notFound, code: "404", "Resource not found")
            }
            let name = context.parameters.get("deployment") ?? ""
            return try await edits.handle(request, operation: .edit, deployment: deployments[name] ?? name)
        }
        router.post("/openai/v1/images/edits") { request, _ in
            try await edits.handle(request, operation: .edit)
        }
        router.post("/openai/v1/images/generations") { request, _ in
            await state.record(Self.route)
            if let version = request.uri.queryParameters.get("api-version"), !["preview", "latest", "v1"].contains(version) {
                await state.remember(SandboxImagesRequest.received(request, route: Self.route, body: nil))
                return SandboxReply.azure(.badRequest, code: "BadRequest", "API version not supported")
            }
            return try await generate(request, deployment: nil)
        }
    }

    /// `deployment` is nil for the v1 form, where the body's `model` names it.
    private func generate(_ request: Request, deployment: String?) async throws -> Response {
        let parsed = try? await SandboxImagesRequest.fields(of: request).get()
        await state.remember(SandboxImagesRequest.received(request, route: Self.route, body: parsed))
        switch auth.check(request) {
        case .accepted:
            break
        case .missing, .wrong:
            return SandboxReply.azure(
                .unauthorized, code: "401",
                "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.")
        }
        guard let fields = parsed else {
            return SandboxReply.azure(.badRequest, code: "BadRequest", "The request body is not valid JSON.", type: "invalid_request_error")
        }
        guard let name = deployment ?? fields["model"]?.stringValue else {
            return SandboxReply.azure(
                .badRequest, code: "missing_required_parameter", "Missing required parameter: 'model'.", param: "model",
                type: "invalid_request_error")
        }
        guard let model = deployments[name] ?? Catalog.bundled.model(name, of: .azure)?.id else {
            return SandboxReply.azure(
                .notFound, code: "DeploymentNotFound",
                "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.")
        }
        let resolved: ResolvedRequest
        switch SandboxImagesRequest.resolve(fields, provider: .azure, model: model) {
        case .success(let found): resolved = found
        case .failure(let problem):
            return SandboxReply.azure(
                .badRequest, code: "invalid_value", problem.message, param: problem.field, type: "invalid_request_error")
        }
        if let trigger = AzureFilterTrigger(prompt: resolved.foldedPrompt) {
            return SandboxReply.azureBlocked(trigger, prompt: resolved.foldedPrompt)
        }
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
        let isGPTImage = SandboxImages.isGPTImage(model)
        let inline = isGPTImage || resolved[.responseFormat]?.textValue == "b64_json"
        let items = try await SandboxImages.paint(
            resolved, inline: inline, folder: "azure", origin: "http://" + (request.head.authority ?? "127.0.0.1"), state: state)
        let data: [JSONValue] = items.map { item in
            var fields = item.fields
            fields["prompt_filter_results"] = AzureFilterTrigger.safePromptResults
            fields["content_filter_results"] = AzureFilterTrigger.results(flagging: [])
            return .object(fields)
        }
        var body: [String: JSONValue] = ["created": .int(Int(Date().timeIntervalSince1970)), "data": .array(data)]
        if isGPTImage { body["usage"] = SandboxImages.usage(resolved) }
        return SandboxReply.json(.object(body))
    }
}
