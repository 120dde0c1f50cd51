import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// An OpenAI-style JSON generation body read back into Easel's request model and checked with
/// the catalog of the provider it was sent to. Azure's and AI/ML API's routes share it and each
/// turns a `Problem` into its own error shape.
struct SandboxImagesRequest {
    /// What is wrong with a body, before or after the catalog's check.
    enum Problem: Error {
        case notJSON
        case unknownField(String)
        case missing(String)
        case wrongType(field: String, expected: String)
        case streaming
        case invalid(ValidationProblem)

        /// The field a problem concerns, for `param`-style error fields.
        var field: String? {
            switch self {
            case .notJSON, .streaming: nil
            case .unknownField(let name), .missing(let name), .wrongType(let name, _): name
            case .invalid(let problem): problem.field.hasPrefix("prompt") ? "prompt" : problem.field
            }
        }

        var message: String {
            switch self {
            case .notJSON: "the body is not a JSON object"
            case .unknownField(let name): "Unrecognized request argument supplied: \(name)"
            case .missing(let name): "Missing required parameter: '\(name)'."
            case .wrongType(let name, let expected): "Invalid type for '\(name)': expected \(expected)."
            case .streaming: "The sandbox does not stream images."
            case .invalid(let problem): problem.description
            }
        }
    }

    /// Every field of OpenAI's `CreateImageRequest`.
    static let knownFields: Set<String> = [
        "prompt", "model", "n", "quality", "response_format", "output_format", "output_compression", "stream",
        "partial_images", "size", "moderation", "background", "style", "user",
    ]

    /// The JSON object of a request body (at most 1 MiB), or `.notJSON`.
    static func fields(of request: Request) async throws -> Result<[String: JSONValue], Problem> {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        guard case .object(let fields)? = JSONValue.parse(Array(buffer: body)) else { return .failure(.notJSON) }
        return .success(fields)
    }

    /// Checks `fields` as a request for `model` of `provider`, field types first, then the
    /// catalog's rules (the same the client applies). `known` is the fields the route takes
    /// (nil: the caller checked them).
    static func resolve(
        _ fields: [String: JSONValue], provider: ProviderID, model: String, known: Set<String>? = knownFields
    ) -> Result<ResolvedRequest, Problem> {
        if let known, let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) { return .failure(.unknownField(unknown)) }
        guard case .string(let prompt)? = fields["prompt"] else { return .failure(.missing("prompt")) }
        if fields["stream"]?.boolValue == true { return .failure(.streaming) }
        let settings: [SettingName: SettingValue]
        switch SandboxSettings.typed(fields, spec: Catalog.bundled.model(model, of: provider)) {
        case .success(let typed): settings = typed
        case .failure(let wrong): return .failure(.wrongType(field: wrong.field, expected: wrong.expected))
        }
        let asked = GenerationRequest(provider: provider, model: model, parts: [PromptPart(prompt)], settings: settings)
        switch Catalog.bundled.resolve(asked) {
        case .failure(let failure): return .failure(.invalid(failure.problems[0]))
        case .success(let resolved): return .success(resolved)
        }
    }

    /// What the sandbox keeps of a request for tests.
    static func received(_ request: Request, route: String, body: [String: JSONValue]?) -> SandboxReceivedRequest {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        return SandboxReceivedRequest(
            route: route, path: request.uri.path, query: query, headers: headers, body: body.map(JSONValue.object))
    }
}
