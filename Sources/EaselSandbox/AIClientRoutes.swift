import EaselCore
import Foundation
import Hummingbird

/// The ai-client threads API (seeds 000 and 004): create a thread, post a request entry, list
/// entries. Bodies must be form-encoded; replies are wrapped in `{"data": …}`.
struct AIClientRoutes: Sendable {
    let state: SandboxState
    let auth: SandboxAuth
    let delay: Double
    let threadList: Bool

    /// The thread kinds the sandbox knows, with the `ai_code` and title the real service gives.
    static let kinds: [String: (aiCode: String, title: String)] = [
        "dalle2_text2img": ("dalle2", "New thread with DALL·E 2 Image Generation"),
        "stablediffusion_text2img": ("stablediffusion", "New thread with Stable Diffusion Image Generation"),
    ]

    func register(on router: Router<SandboxRequestContext>) {
        router.post("/api/v1/threads") { request, _ in
            await state.record("create-thread")
            return try await createThread(request)
        }
        router.post("/api/v1/threads/:guid/entry") { request, context in
            await state.record("create-entry")
            return try await createEntry(request, thread: context.parameters.get("guid") ?? "")
        }
        router.get("/api/v1/threads") { request, _ in
            await state.record("list-threads")
            guard threadList else { return SandboxReply.laravel(.notFound, "Not Found") }
            if let refusal = refuseUnauthenticated(request) { return refusal }
            return SandboxReply.json(.object(["data": .array(await state.threadsJSON())]))
        }
        router.get("/api/v1/threads/:guid/entries") { request, context in
            await state.record("list-entries")
            if let refusal = refuseUnauthenticated(request) { return refusal }
            let guid = context.parameters.get("guid") ?? ""
            guard let entries = await state.entriesJSON(thread: guid, now: Date()) else {
                return SandboxReply.laravel(.notFound, "Thread not found.")
            }
            return SandboxReply.json(.object(["data": .array(entries)]))
        }
    }

    private func refuseUnauthenticated(_ request: Request) -> Response? {
        switch auth.check(request) {
        case .accepted: nil
        case .missing, .wrong: SandboxReply.laravel(.unauthorized, "Unauthenticated.")
        }
    }

    /// The form fields of a request, or the reply refusing it. Laravel reads both encodings:
    /// urlencoded (Python's requests) and multipart (curl with a PHP array).
    private func formFields(_ request: Request) async throws -> Result<[(String, String)], FormRefusal> {
        let type = request.headers[.contentType] ?? ""
        let boundary = MultipartForm.boundary(contentType: type)
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") || boundary != nil else {
            return .failure(FormRefusal(response: SandboxReply.laravel(
                .unsupportedMediaType, "Send the fields as a form (application/x-www-form-urlencoded or multipart/form-data).")))
        }
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let fields = boundary.map { MultipartForm.decode(Array(buffer: body), boundary: $0) }
            ?? FormDecoding.decode(String(buffer: body))
        guard let fields else {
            return .failure(FormRefusal(response: SandboxReply.laravel(.badRequest, "The body is not a valid form.")))
        }
        return .success(fields)
    }

    private func createThread(_ request: Request) async throws -> Response {
        if let refusal = refuseUnauthenticated(request) { return refusal }
        let fields: [(String, String)]
        switch try await formFields(request) {
        case .failure(let refusal): return refusal.response
        case .success(let found): fields = found
        }
        let code = fields.first { $0.0 == "ai_version_code" }?.1 ?? ""
        guard !code.isEmpty else {
            return SandboxReply.laravel(
                .unprocessableContent, "The ai version code field is required.",
                errors: ["ai_version_code": ["The ai version code field is required."]])
        }
        guard let kind = Self.kinds[code] else {
            return SandboxReply.laravel(
                .unprocessableContent, "The selected ai version code is invalid.",
                errors: ["ai_version_code": ["The selected ai version code is invalid."]])
        }
        let thread = await state.createThread(aiVersionCode: code, aiCode: kind.aiCode, title: kind.title, now: Date())
        return SandboxReply.json(.object(["data": thread.json]), status: .created)
    }

    private func createEntry(_ request: Request, thread guid: String) async throws -> Response {
        if let refusal = refuseUnauthenticated(request) { return refusal }
        guard let thread = await state.thread(guid) else { return SandboxReply.laravel(.notFound, "Thread not found.") }
        let fields: [(String, String)]
        switch try await formFields(request) {
        case .failure(let refusal): return refusal.response
        case .success(let found): fields = found
        }
        let parsed: AIClientEntryForm
        var problems: [ValidationProblem]
        switch AIClientEntryForm.parse(fields, aiVersionCode: thread.aiVersionCode) {
        case .failure(let failure): return Self.unprocessable(failure.problems)
        case .success(let found): (parsed, problems) = found
        }
        let checked = Catalog.bundled.resolve(parsed.request)
        if case .failure(let failure) = checked {
            // Structural problems already cover an empty prompt; keep the catalog's other findings.
            let extra = failure.problems.map { parsed.wireProblem($0) }
            problems += parsed.request.parts.isEmpty ? extra.filter { !$0.field.hasPrefix("prompt") } : extra
        }
        guard problems.isEmpty, case .success(let resolved) = checked else { return Self.unprocessable(problems) }
        let now = Date()
        let count = resolved[.n]?.integerValue ?? 1
        let size = resolved[.size].flatMap { ImageSize(parsing: $0.textValue) } ?? ImageSize(width: 1024, height: 1024)
        let entry = SandboxEntry(
            guid: UUID().uuidString.lowercased(), content: parsed.content, createdAt: now,
            dueAt: now.addingTimeInterval(delay), images: nil,
            credits: Self.credits(model: thread.aiVersionCode, size: size, count: count),
            responseGuid: UUID().uuidString.lowercased())
        await state.addEntry(entry, to: guid)
        let origin = "http://" + (request.head.authority ?? "127.0.0.1")
        let prompt = parsed.request.parts.map { "\($0.text)@\($0.weight)" }.joined(separator: "|")
        let state = state
        let folder = thread.aiVersionCode
        // Painting is seconds of CPU in a debug build: on a thread of its own, so it neither holds
        // up Swift's small cooperative pool (the server's and the client's tasks) nor waits
        // behind it when that pool is busy, as it is when every test suite runs at once.
        Thread.detachNewThread {
            let painted = (try? SandboxPainter.paint(prompt: prompt, size: size, count: count, folder: folder, origin: origin)) ?? []
            let files = painted.reduce(into: [String: SandboxFile]()) { $0.merge($1.files) { new, _ in new } }
            Task { await state.attach(painted.map(\.image), files: files, entry: entry.guid, thread: guid) }
        }
        return SandboxReply.json(.object(["data": entry.json(thread: guid, now: now)[0]]), status: .created)
    }

    static func unprocessable(_ problems: [ValidationProblem]) -> Response {
        var errors: [String: [String]] = [:]
        for problem in problems { errors[problem.field, default: []].append(problem.message) }
        let first = problems.first.map(\.description) ?? "The given data was invalid."
        let more = problems.count > 1 ? " (and \(problems.count - 1) more error\(problems.count > 2 ? "s" : ""))" : ""
        return SandboxReply.laravel(.unprocessableContent, first + more, errors: errors)
    }

    /// Credits as the seeds show them: DALL·E 2 7 per 512px image, Stable Diffusion 5 per image.
    static func credits(model: String, size: ImageSize, count: Int) -> Int {
        guard model == "dalle2_text2img" else { return 5 * count }
        let perImage = size.width <= 256 ? 5 : (size.width <= 512 ? 7 : 9)
        return perImage * count
    }
}

/// A prepared refusal of a request body.
struct FormRefusal: Error {
    var response: Response
}
