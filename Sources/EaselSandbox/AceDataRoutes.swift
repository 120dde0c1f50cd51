import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// Ace Data Cloud's OpenAI images proxy (seed 002, wire notes §5): `POST /openai/images/generations`
/// answered synchronously, or with `{"task_id"}` when the body has a `callback_url` — the task
/// then finishes after the sandbox's delay, is answered by `POST /openai/tasks` retrieve and
/// POSTed to the callback URL. Errors have Ace's shape.
///
/// Test triggers in the prompt: `ace-error:<code>` answers with that documented error
/// (`token_mismatched`, `api_not_implemented`, `invalid_token`, `used_up`, `too_many_requests`,
/// `api_error`, `timeout` for a gateway's 504); `ace-task-fails` makes a task end in `api_error`;
/// `ace-callback-only` hides the result from retrieve; `ace-callback-held` holds the callback back
/// until a test releases the task (`AceTaskBook.release`), so polling wins; `ace-hold-result`
/// keeps the task running (to retrieve and callback) until it is released; `ace-pending-polls:N`
/// shows the task running to its first N retrieves, however late they come.
struct AceDataRoutes: Sendable {
    let state: SandboxState
    let auth: SandboxAuth
    let delay: Double

    /// The fields the proxy takes: OpenAI's `CreateImageRequest` plus the task mode's two.
    static let knownFields: Set<String> = OpenAIRoutes.knownFields.union(["callback_url", "trace_id"])

    /// The documented error of each trigger: HTTP status and code.
    static let errors: [String: (status: HTTPResponse.Status, message: String)] = [
        "token_mismatched": (.badRequest, "The token does not match the API."),
        "api_not_implemented": (.badRequest, "The API is not implemented."),
        "invalid_token": (.unauthorized, "The token is invalid."),
        "used_up": (.forbidden, "Your balance is used up, please recharge."),
        "too_many_requests": (.tooManyRequests, "Too many requests, please slow down."),
        "api_error": (.internalServerError, "fetch failed"),
    ]

    func register(on router: Router<SandboxRequestContext>) {
        router.post("/openai/images/generations") { request, _ in
            await state.record("acedata-generate")
            return try await generate(request)
        }
        router.post("/openai/tasks") { request, _ in
            await state.record("acedata-tasks")
            return try await tasks(request)
        }
    }

    private func generate(_ request: Request) async throws -> Response {
        if let refusal = refuseUnauthenticated(request) { return refusal }
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        guard case .object(let fields)? = JSONValue.parse(Array(buffer: body)) else {
            return Self.error(.badRequest, "bad_request", "The request body must be a JSON object.")
        }
        if let unknown = fields.keys.sorted().first(where: { !Self.knownFields.contains($0) }) {
            return Self.error(.badRequest, "bad_request", "Unknown parameter: \(unknown).")
        }
        guard let prompt = fields["prompt"]?.stringValue else {
            return Self.error(.badRequest, "bad_request", "The prompt is required.")
        }
        if let refusal = Self.triggeredError(prompt) { return refusal }
        guard let model = fields["model"]?.stringValue else {
            return Self.error(.badRequest, "bad_request", "The model is required.")
        }
        guard Catalog.bundled.model(model, of: .aceData) != nil else {
            return Self.error(.badRequest, "api_not_implemented", "The model \(model) is not supported.")
        }
        var settings: [SettingName: SettingValue] = [:]
        for (name, value) in fields where !["prompt", "model", "callback_url", "trace_id"].contains(name) {
            switch value {
            case .number where value.integerValue != nil: settings[SettingName(name)] = .integer(value.integerValue ?? 0)
            case .string(let text): settings[SettingName(name)] = .text(text)
            case .bool(let flag): settings[SettingName(name)] = .boolean(flag)
            default: return Self.error(.badRequest, "bad_request", "Invalid type for \(name).")
            }
        }
        let resolved: ResolvedRequest
        switch Catalog.bundled.resolve(GenerationRequest(provider: .aceData, model: model, parts: [PromptPart(prompt)], settings: settings)) {
        case .failure(let failure): return Self.error(.badRequest, "bad_request", failure.problems[0].description)
        case .success(let found): resolved = found
        }
        let origin = "http://" + (request.head.authority ?? "127.0.0.1")
        guard let callback = fields["callback_url"]?.stringValue else {
            if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
            return SandboxReply.json(try await images(resolved, origin: origin))
        }
        let race: AceTaskBook.Race =
            prompt.contains("ace-callback-only") ? .callbackOnly : prompt.contains("ace-callback-held") ? .held : .both
        let pendingPolls = prompt.range(of: "ace-pending-polls:").map { Int(prompt[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
        let task = await state.aceTasks.create(
            traceID: fields["trace_id"]?.stringValue, request: .object(fields), callbackURL: callback, race: race,
            pendingPolls: pendingPolls, resultHeld: prompt.contains("ace-hold-result"), now: Date()
        ) { record, response in await deliverCallback(record, response: response) }
        let failing = prompt.contains("ace-task-fails")
        Task {
            if delay > 0 { try? await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
            let response: JSONValue
            if failing {
                response = .object([
                    "success": .bool(false), "error": .object(["code": .string("api_error"), "message": .string("fetch failed")]),
                ])
            } else if case .object(var fields)? = try? await images(resolved, origin: origin) {
                fields["success"] = .bool(true)
                response = .object(fields)
            } else {
                response = .object(["success": .bool(false), "error": .object(["code": .string("api_error"), "message": .string("painting failed")])])
            }
            if let due = await state.aceTasks.finish(task.id, response: response, now: Date()) {
                await deliverCallback(due, response: response)
            }
        }
        return SandboxReply.json(.object(["task_id": .string(task.id)]))
    }

    private func tasks(_ request: Request) async throws -> Response {
        if let refusal = refuseUnauthenticated(request) { return refusal }
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        guard let json = JSONValue.parse(Array(buffer: body)), case .object = json else {
            return Self.error(.badRequest, "bad_request", "The request body must be a JSON object.")
        }
        guard json["action"]?.stringValue == "retrieve" else {
            return Self.error(.badRequest, "api_not_implemented", "The sandbox answers only the retrieve action.")
        }
        return SandboxReply.json(await state.aceTasks.retrieve(id: json["id"]?.stringValue, traceID: json["trace_id"]?.stringValue))
    }

    /// POSTs the callback payload of seed 002 to the task's callback URL (not to a `.invalid`
    /// name, which by definition goes nowhere) and notes how the receiver answered.
    private func deliverCallback(_ task: AceTaskBook.Record, response: JSONValue) async {
        var payload: [String: JSONValue] = ["task_id": .string(task.id), "trace_id": .string(task.traceID)]
        if response["success"]?.boolValue == false {
            payload["success"] = .bool(false)
            payload["error"] = response["error"]
        } else {
            var data = response
            if case .object(var fields) = data {
                fields["success"] = nil
                data = .object(fields)
            }
            payload["success"] = .bool(true)
            payload["data"] = data
        }
        guard let host = URLComponents(string: task.callbackURL)?.host?.lowercased(), !host.hasSuffix(".invalid") else {
            await state.aceTasks.noteCallback(traceID: task.traceID, status: 0)
            return
        }
        await state.record("acedata-callback")
        let outgoing = OutgoingRequest(
            method: "POST", url: task.callbackURL, headers: [("Content-Type", "application/json")],
            body: Array(JSONValue.object(payload).jsonText.utf8), timeout: .seconds(30))
        let status = (try? await Self.callbackTransport.send(outgoing, maxBodyBytes: 1 << 16))?.status ?? 0
        await state.aceTasks.noteCallback(traceID: task.traceID, status: status)
    }

    /// One client for every sandbox's callbacks; it lives as long as the process.
    private static let callbackTransport = AsyncHTTPTransport(maxConnectionsPerHost: 8)

    /// Paints the images of a request: URLs unless `b64_json` is asked for, and DALL·E 3's
    /// `revised_prompt`.
    private func images(_ request: ResolvedRequest, origin: String) async throws -> JSONValue {
        let size = ImageSize(parsing: request[.size]?.textValue ?? "1024x1024") ?? ImageSize(width: 1024, height: 1024)
        let format = ImageFormat(rawValue: request[.outputFormat]?.textValue ?? "png") ?? .png
        let inline = request[.responseFormat]?.textValue == "b64_json"
        let painted = try SandboxPainter.paint(
            prompt: request.foldedPrompt, size: size, count: request[.n]?.integerValue ?? 1, folder: "acedata", origin: origin,
            format: format, thumbnails: false)
        if !inline { await state.store(painted.reduce(into: [:]) { $0.merge($1.files) { new, _ in new } }) }
        let data: [JSONValue] = painted.map { item in
            var datum: [String: JSONValue] =
                inline ? ["b64_json": .string(Data(item.bytes).base64EncodedString())] : ["url": .string(item.image.url)]
            if request.model.id == "dall-e-3" {
                datum["revised_prompt"] = .string("A delightful rendering of " + request.foldedPrompt)
            }
            return .object(datum)
        }
        return .object(["created": .int(Int(Date().timeIntervalSince1970)), "data": .array(data)])
    }

    private func refuseUnauthenticated(_ request: Request) -> Response? {
        switch auth.check(request) {
        case .accepted: nil
        case .missing: Self.error(.unauthorized, "no_token", "No token was provided.")
        case .wrong: Self.error(.unauthorized, "invalid_token", "The token is invalid.")
        }
    }

    /// The documented error a prompt asks for, if it names one.
    static func triggeredError(_ prompt: String) -> Response? {
        guard let range = prompt.range(of: "ace-error:") else { return nil }
        let code = String(prompt[range.upperBound...].prefix { $0.isLetter || $0 == "_" })
        if code == "timeout" {
            return Response(
                status: .gatewayTimeout, headers: [.contentType: "text/html"],
                body: .init(byteBuffer: ByteBuffer(string: "<html><body><h1>504 Gateway Time-out</h1></body></html>")))
        }
        guard let known = errors[code] else { return nil }
        var response = error(known.status, code, known.message)
        // The real service sends no hint; the sandbox asks for a short wait so retry tests are quick.
        if code == "too_many_requests" { response.headers[.init("retry-after-ms")!] = "10" }
        return response
    }

    /// `{"success": false, "error": {"code", "message"}, "trace_id"}`.
    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        SandboxReply.json(
            .object([
                "success": .bool(false), "error": .object(["code": .string(code), "message": .string(message)]),
                "trace_id": .string(UUID().uuidString.lowercased()),
            ]), status: status)
    }
}
