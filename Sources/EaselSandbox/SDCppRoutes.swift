import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// stable-diffusion.cpp's sd-server native async API under `/sd-server/sdcpp/v1`:
/// capabilities, `img_gen` (fields and types checked, unknown fields refused — stricter than
/// sd-server, so a misspelt field fails a test instead of being ignored), jobs polled by id
/// (`SDCppJobBook`) and their cancel route. Errors are sd-server's `{"error": "…"}`.
struct SDCppRoutes: Sendable {
    let state: SandboxState
    let auth: SandboxAuth
    let book: SDCppJobBook

    static let prefix = "/sd-server/sdcpp/v1"
    static let samplers = ["euler", "euler_a", "heun", "dpm2", "dpm++2s_a", "dpm++2m", "dpm++2mv2", "ipndm", "ipndm_v", "lcm", "ddim_trailing", "tcd"]
    static let schedulers = ["discrete", "karras", "exponential", "ays", "gits", "sgm_uniform", "simple", "smoothstep", "lcm"]
    static let loras: [(name: String, path: String)] = [("detail-tweaker", "detail-tweaker.safetensors"), ("film-grain", "styles/film-grain.safetensors")]
    /// The top-level fields sd-server's img_gen reads (its api.md).
    static let knownFields: Set<String> = [
        "prompt", "negative_prompt", "clip_skip", "width", "height", "strength", "seed", "batch_count", "auto_resize_ref_image",
        "increase_ref_index", "control_strength", "ip_adapter_strength", "embed_image_metadata", "init_image", "ref_images",
        "mask_image", "control_image", "ip_adapter_image", "sample_params", "lora", "hires", "vae_tiling_params", "cache_mode",
        "cache_option", "scm_mask", "scm_policy_dynamic", "output_format", "output_compression",
    ]

    init(state: SandboxState, auth: SandboxAuth, delay: Double) {
        self.state = state
        self.auth = auth
        self.book = SDCppJobBook(delay: delay)
    }

    func register(on router: Router<SandboxRequestContext>) {
        router.get("\(Self.prefix)/capabilities") { request, _ -> Response in
            await state.record("sdcpp-capabilities")
            if let refused = refusal(request) { return refused }
            return SandboxReply.json(Self.capabilities)
        }
        router.post("\(Self.prefix)/img_gen") { request, _ -> Response in
            await state.record("sdcpp-img_gen")
            if let refused = refusal(request) { return refused }
            return try await submit(request)
        }
        router.get("\(Self.prefix)/jobs/:id") { request, context -> Response in
            await state.record("sdcpp-job")
            if let refused = refusal(request) { return refused }
            guard let id = context.parameters.get("id"), let job = try await book.json(id) else {
                return error(.notFound, "job not found")
            }
            return SandboxReply.json(job)
        }
        router.post("\(Self.prefix)/jobs/:id/cancel") { request, context -> Response in
            await state.record("sdcpp-cancel")
            if let refused = refusal(request) { return refused }
            guard let id = context.parameters.get("id"), let cancelled = await book.cancel(id) else {
                return error(.notFound, "job not found")
            }
            guard cancelled else { return error(.conflict, "job is currently generating and cannot be interrupted yet") }
            return SandboxReply.json(try await book.json(id) ?? .null)
        }
    }

    /// sd-server takes no key; a sandbox started with `--token` still refuses a wrong one.
    private func refusal(_ request: Request) -> Response? {
        if auth.token != nil, case .wrong = auth.check(request) { return error(.unauthorized, "invalid token") }
        return nil
    }

    private func submit(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 << 20)
        guard case .object(let fields)? = JSONValue.parse(Array(buffer: body)) else { return error(.badRequest, "invalid json") }
        if let unknown = fields.keys.sorted().first(where: { !Self.knownFields.contains($0) }) {
            return error(.badRequest, "invalid generation parameters: unknown field \(unknown)")
        }
        switch SDCppImageRequest.check(fields, samplers: Self.samplers, schedulers: Self.schedulers, loras: Self.loras.map(\.path)) {
        case .failure(let problem):
            return error(.badRequest, "invalid generation parameters: \(problem)")
        case .success(let checked):
            let job = await book.submit(checked)
            return SandboxReply.json(
                .object([
                    "id": .string(job.id), "kind": .string("img_gen"), "status": .string("queued"),
                    "created": .int(Int(job.created.timeIntervalSince1970)), "poll_url": .string("/sdcpp/v1/jobs/" + job.id),
                ]), status: .accepted)
        }
    }

    private func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        SandboxReply.json(.object(["error": .string(message)]), status: status)
    }

    static var capabilities: JSONValue {
        let features: JSONValue = .object(Dictionary(uniqueKeysWithValues: [
            "init_image", "mask_image", "control_image", "ip_adapter_image", "ref_images", "lora", "vae_tiling", "hires", "cache",
            "cancel_queued",
        ].map { ($0, JSONValue.bool(true)) }).merging(["cancel_generating": .bool(false)]) { $1 })
        let defaults: JSONValue = .object([
            "prompt": .string(""), "negative_prompt": .string(""), "width": .int(512), "height": .int(512), "seed": .int(-1),
            "batch_count": .int(1),
            "sample_params": .object([
                "scheduler": .string("discrete"), "sample_method": .string("euler_a"), "sample_steps": .int(20),
                "guidance": .object(["txt_cfg": .double(7)]),
            ]),
            "output_format": .string("png"), "output_compression": .int(100),
        ])
        return .object([
            "model": .object(["name": .string("sandbox-sd15.safetensors"), "stem": .string("sandbox-sd15"), "path": .string("/models/sandbox-sd15.safetensors")]),
            "current_mode": .string("img_gen"), "supported_modes": .array([.string("img_gen")]), "defaults": defaults,
            "defaults_by_mode": .object(["img_gen": defaults]), "output_formats": .array(["png", "jpeg", "webp"].map(JSONValue.string)),
            "samplers": .array(samplers.map(JSONValue.string)), "schedulers": .array(schedulers.map(JSONValue.string)),
            "loras": .array(loras.map { .object(["name": .string($0.name), "path": .string($0.path)]) }),
            "upscalers": .array([.object(["name": .string("Latent")])]),
            "features_by_mode": .object(["img_gen": features]), "features": features,
            "limits": .object([
                "min_width": .int(64), "max_width": .int(2048), "min_height": .int(64), "max_height": .int(2048), "max_batch_count": .int(8),
                "max_queue_size": .int(64),
            ]),
        ])
    }
}
