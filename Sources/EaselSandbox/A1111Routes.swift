import EaselCore
import EaselImage
import Foundation
import Hummingbird
import NIOCore

/// AUTOMATIC1111's web UI API (wire notes §6.2) under `/a1111/sdapi/v1`: `txt2img` and `img2img`
/// (types checked as FastAPI does, one job at a time, `sampling_step` advancing over the
/// sandbox's delay; img2img's inputs checked and painted by `A1111Img2Img`),
/// `progress` (with a painted live preview and `current_task`), `interrupt`, and the lists
/// `sd-models`, `samplers`, `schedulers`, `options`. With a sandbox token every route wants HTTP
/// Basic `sandbox:TOKEN`, as a web UI started with `--api-auth` does.
///
/// Test trigger in the prompt: `a1111-oom` answers 500 with a CUDA out-of-memory traceback.
public struct A1111Routes: Sendable {
    let state: SandboxState
    let auth: SandboxAuth
    let delay: Double
    /// Progress answers a job waits for before it may end (`SandboxOptions.a1111Polls`).
    let polls: Int

    static let prefix = "/a1111/sdapi/v1"
    /// The name `SandboxState.count` and `receivedRequests` know txt2img requests by.
    public static let txt2imgName = "a1111-txt2img"
    /// The name img2img requests are known by; their remembered body carries each image as
    /// `{sha256, bytes}` instead of its base64 text.
    public static let img2imgName = "a1111-img2img"

    func register(on router: Router<SandboxRequestContext>) {
        router.post("\(Self.prefix)/txt2img") { request, _ in
            await state.record(Self.txt2imgName)
            return try await generate(request, img2img: false)
        }
        router.post("\(Self.prefix)/img2img") { request, _ in
            await state.record(Self.img2imgName)
            return try await generate(request, img2img: true)
        }
        router.get("\(Self.prefix)/progress") { request, _ in
            await state.record("a1111-progress")
            if let refusal = refuseUnauthenticated(request) { return refusal }
            let withImage = request.uri.queryParameters["skip_current_image"].map { String($0) } != "true"
            return SandboxReply.json(await A1111ProgressAnswer.make(desk: state.a1111, withImage: withImage))
        }
        router.post("\(Self.prefix)/interrupt") { request, _ in
            await state.record("a1111-interrupt")
            if let refusal = refuseUnauthenticated(request) { return refusal }
            await state.a1111.interrupt()
            return SandboxReply.json(.object([:]))
        }
        router.get("\(Self.prefix)/sd-models") { request, _ in
            await list(request, A1111Catalog.checkpoints.map { checkpoint in
                .object([
                    "title": .string(checkpoint.title), "model_name": .string(checkpoint.name),
                    "hash": .string(String(checkpoint.title.suffix(11).dropLast())),
                    "filename": .string("/models/Stable-diffusion/" + checkpoint.name + ".safetensors"), "config": .null,
                ])
            })
        }
        router.get("\(Self.prefix)/samplers") { request, _ in
            await list(request, A1111Catalog.samplers.map { .object(["name": .string($0), "aliases": .array([]), "options": .object([:])]) })
        }
        router.get("\(Self.prefix)/schedulers") { request, _ in
            await list(request, A1111Catalog.schedulers.map { name, label in
                .object(["name": .string(name), "label": .string(label), "aliases": .null, "default_rho": .int(-1), "need_inner_model": .bool(false)])
            })
        }
        router.get("\(Self.prefix)/options") { request, _ in
            await state.record("a1111-options")
            if let refusal = refuseUnauthenticated(request) { return refusal }
            return SandboxReply.json(.object([
                "sd_model_checkpoint": .string(await state.a1111.checkpoint), "samples_format": .string("png"),
                "show_progress_every_n_steps": .int(1),
            ]))
        }
    }

    private func list(_ request: Request, _ items: [JSONValue]) async -> Response {
        await state.record("a1111-list")
        if let refusal = refuseUnauthenticated(request) { return refusal }
        return SandboxReply.json(.array(items))
    }

    /// A 401 as the web UI's HTTP Basic check answers it, or nil when the request may pass.
    func refuseUnauthenticated(_ request: Request) -> Response? {
        guard let token = auth.token else { return nil }
        if let header = request.headers[.authorization], header.hasPrefix("Basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
            decoded == "sandbox:" + token
        {
            return nil
        }
        var response = SandboxReply.json(.object(["detail": .string("Incorrect username or password")]), status: .unauthorized)
        response.headers[.wwwAuthenticate] = "Basic"
        return response
    }

    /// txt2img, or img2img with its inputs checked and painted over.
    private func generate(_ request: Request, img2img: Bool) async throws -> Response {
        var request = request
        // An img2img body carries its images inline: a large photo and its mask fit.
        let body = try await request.collectBody(upTo: img2img ? 256 << 20 : 1 << 20)
        let parsed = JSONValue.parse(Array(buffer: body))
        var fields: [String: JSONValue] = [:]
        if case .object(let object)? = parsed { fields = object }
        await state.remember(SandboxImagesRequest.received(
            request, route: img2img ? Self.img2imgName : Self.txt2imgName, body: parsed == nil ? nil : Self.remembered(fields)))
        if let refusal = refuseUnauthenticated(request) { return refusal }
        guard case .object? = parsed else {
            return Self.validation([.object([
                "loc": .array([.string("body")]), "msg": .string("value is not a valid dict"), "type": .string("type_error.dict"),
            ])])
        }
        let problems = A1111Fields.problems(fields, img2img: img2img)
        guard problems.isEmpty else { return Self.validation(problems) }
        var job: A1111Job
        switch A1111Job.read(fields) {
        case .job(let read): job = read
        case .refused(let refusal): return refusal
        }
        if img2img {
            switch A1111Img2Img.read(fields) {
            case .success(let inputs): job.img2img = inputs
            case .failure(let refusal): return refusal.response
            }
        }
        if job.prompt.contains("a1111-oom") { return Self.outOfMemory() }
        await state.a1111.begin(A1111Desk.Running(
            taskID: job.taskID, prompt: job.prompt, steps: job.steps, batches: job.batches, started: .now,
            duration: .milliseconds(Int64(delay * 1000)), polls: polls))
        while !(await state.a1111.isFinished(at: .now)) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let interrupted = await state.a1111.end()
        let reply = try job.reply(interrupted: interrupted, fields: fields)
        return SandboxReply.json(reply)
    }

    /// The body as tests read it: base64 images replaced by their digest and size.
    static func remembered(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        func summary(_ value: JSONValue) -> JSONValue {
            guard let text = value.stringValue, let data = Data(base64Encoded: text) else { return value }
            return .object(["sha256": .string(SHA256.hex(Array(data))), "bytes": .int(data.count)])
        }
        var fields = fields
        if let images = fields["init_images"]?.arrayValue { fields["init_images"] = .array(images.map(summary)) }
        if let mask = fields["mask"] { fields["mask"] = summary(mask) }
        return fields
    }

    /// FastAPI's 422 for a body of the wrong types.
    static func validation(_ problems: [JSONValue]) -> Response {
        SandboxReply.json(.object(["detail": .array(problems)]), status: .unprocessableContent)
    }

    /// What a web UI whose GPU ran out of memory answers: a plain-text traceback.
    static func outOfMemory() -> Response {
        let text = """
            Traceback (most recent call last):
              File "/app/modules/processing.py", line 845, in process_images_inner
                samples_ddim = p.sample(conditioning=p.c, unconditional_conditioning=p.uc)
            torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total capacity)\u{1b}[31m
            """
        return Response(
            status: .internalServerError, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
