import Foundation

extension ServerChoices {
    /// Asks the server at `endpoint` what it offers, by its provider's wire format; nil for a
    /// wire format that has no such lists. Each list is asked for separately: one the server does
    /// not have (an old web UI has no `/schedulers`) is left out, not a failure, but a server that
    /// answers none of them is one.
    public static func fetch(
        wire: WireFormat, endpoint: ProviderEndpoint, sender: RequestSender
    ) async throws(GenerationError) -> ServerChoices? {
        switch wire {
        case .a1111: return try await fetchA1111(endpoint: endpoint, sender: sender)
        case .comfyUI: return try await fetchComfyUI(endpoint: endpoint, sender: sender)
        case .sdcpp: return try await fetchSDCpp(endpoint: endpoint, sender: sender)
        default: return nil
        }
    }

    /// The wire formats whose servers list what they offer (the studio's `r` asks them).
    public static let listingWires: Set<WireFormat> = [.a1111, .comfyUI, .sdcpp]

    /// ComfyUI's checkpoints (`object_info/CheckpointLoaderSimple`), samplers and schedulers
    /// (`object_info/KSampler`).
    static func fetchComfyUI(endpoint: ProviderEndpoint, sender: RequestSender) async throws(GenerationError) -> ServerChoices {
        var choices = ServerChoices()
        for (node, inputs) in [("CheckpointLoaderSimple", [("ckpt_name", SettingName.checkpoint)]),
            ("KSampler", [("sampler_name", SettingName.sampler), ("scheduler", SettingName.scheduler)])]
        {
            let body = try await listBody(ComfyUIWire.get("object_info/" + node, baseURL: endpoint.baseURL, credential: endpoint.credential),
                sender: sender, endpoint: endpoint, what: "object_info/\(node)")
            for (input, setting) in inputs {
                let names = ComfyUIWire.options(body, node: node, input: input)
                if !names.isEmpty { choices.values[setting] = names }
            }
        }
        if choices.values.isEmpty { throw .badReply("the ComfyUI server listed no checkpoints, samplers or schedulers") }
        return choices
    }

    /// sd-server's samplers and schedulers, from `/sdcpp/v1/capabilities` (it loads one model, so
    /// there are no checkpoints to choose).
    static func fetchSDCpp(endpoint: ProviderEndpoint, sender: RequestSender) async throws(GenerationError) -> ServerChoices {
        let body = try await listBody(SDCppWire.capabilities(endpoint: endpoint), sender: sender, endpoint: endpoint, what: "sdcpp/v1/capabilities")
        guard let capabilities = SDCppWire.decodeCapabilities(body) else {
            throw .badReply("the server's /sdcpp/v1/capabilities is not the JSON it should be")
        }
        var choices = ServerChoices()
        if !capabilities.samplers.isEmpty { choices.values[.sampler] = capabilities.samplers }
        if !capabilities.schedulers.isEmpty { choices.values[.scheduler] = capabilities.schedulers }
        return choices
    }

    /// The body of one list request, or a one-line error naming the server and route.
    private static func listBody(
        _ request: OutgoingRequest, sender: RequestSender, endpoint: ProviderEndpoint, what: String
    ) async throws(GenerationError) -> [UInt8] {
        let host = endpoint.host ?? endpoint.baseURL
        let response: IncomingResponse
        do {
            response = try await sender.send(request, kind: .idempotent, maxBodyBytes: 4 << 20)
        } catch {
            throw .network("cannot ask \(host) for its \(what): \(error)")
        }
        guard response.isSuccess else {
            throw .rejected(status: response.status, message: "\(host) answered HTTP \(response.status) to GET /\(what)")
        }
        return response.body
    }

    /// The web UI's checkpoints (`sd-models` titles), samplers and schedulers.
    static func fetchA1111(endpoint: ProviderEndpoint, sender: RequestSender) async throws(GenerationError) -> ServerChoices {
        var choices = ServerChoices()
        var lastProblem: String?
        for (route, setting, field) in A1111Wire.choiceRoutes {
            let request = try A1111Wire.listRequest(endpoint: endpoint, route: route)
            let response: IncomingResponse
            do {
                response = try await sender.send(request, kind: .idempotent, maxBodyBytes: 4 << 20)
            } catch {
                throw .network("cannot ask \(endpoint.host ?? endpoint.baseURL) for its \(route): \(error)")
            }
            guard response.isSuccess else {
                lastProblem = A1111Wire.errorLine(
                    status: response.status, body: response.body, host: endpoint.host ?? endpoint.baseURL, route: route)
                if response.status == 401 || response.status == 403 { throw .rejected(status: response.status, message: lastProblem ?? "") }
                continue
            }
            guard let names = A1111Wire.decodeNames(response.body, field: field) else {
                lastProblem = "the server's \(route) is not a JSON list"
                continue
            }
            choices.values[setting] = names
        }
        if choices.values.isEmpty {
            throw .badReply(lastProblem ?? "the server listed no checkpoints, samplers or schedulers")
        }
        return choices
    }
}
