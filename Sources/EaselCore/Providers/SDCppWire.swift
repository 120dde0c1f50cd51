import EaselImage
import Foundation

/// stable-diffusion.cpp's `sd-server` native async API on the wire (leejet/stable-diffusion.cpp,
/// `examples/server/api.md`): `GET /sdcpp/v1/capabilities`, `POST /sdcpp/v1/img_gen` answered
/// `202 {id, poll_url}`, `GET /sdcpp/v1/jobs/{id}` (`queued`, `generating`, `completed` with
/// `result.images[].b64_json`, `failed`, `cancelled`) and `POST /sdcpp/v1/jobs/{id}/cancel`.
/// Errors are `{"error": "…", "message"?: "…"}`. The server reads A1111 weights and `BREAK` in
/// the prompt but no `<lora:…>` tags: LoRAs go in the `lora` array by the path it lists.
public enum SDCppWire {
    /// The longest job id Easel takes from a reply; ids are journalled and shown.
    static let maxIDLength = 200

    /// `GET /sdcpp/v1/capabilities`.
    public static func capabilities(endpoint: ProviderEndpoint) -> OutgoingRequest {
        OutgoingRequest(method: "GET", url: AIClientWire.join(endpoint.baseURL, "sdcpp/v1/capabilities"), headers: headers(endpoint), timeout: .seconds(30))
    }

    /// `POST /sdcpp/v1/img_gen` for `request`, with the seed Easel chose and the LoRAs resolved to
    /// the paths the server lists. Only settings the user gave are sent, so the server's own
    /// defaults (its command line: steps, guidance, size for the loaded model) stand otherwise.
    ///
    /// An edit or a variation adds `init_image` (and `mask_image`), raw base64 of PNGs — the
    /// picture with three channels, the mask with one, white where to repaint — and `strength`,
    /// Easel's `denoise`, always sent since the server's default would otherwise decide.
    public static func createImage(
        endpoint: ProviderEndpoint, request: ResolvedRequest, seed: Int, loras: [(path: String, multiplier: Double)],
        initImage: [UInt8]? = nil, mask: [UInt8]? = nil
    ) -> OutgoingRequest {
        let prompts = A1111Prompt.render(request.sentParts.filter { $0.kind == .text || $0.kind == .breakMarker })
        var fields: [String: JSONValue] = [
            "prompt": .string(prompts.positive), "negative_prompt": .string(prompts.negative), "seed": .int(seed),
            "output_format": .string("png"),
        ]
        var sample: [String: JSONValue] = [:]
        for (name, value) in request.wireFields(explicitOnly: true) {
            switch SettingName(name) {
            case .size:
                if let size = ImageSize(parsing: value.textValue) {
                    fields["width"] = .int(size.width)
                    fields["height"] = .int(size.height)
                }
            case .n: value.integerValue.map { fields["batch_count"] = .int($0) }
            case .steps: value.integerValue.map { sample["sample_steps"] = .int($0) }
            case .cfgScale: value.numberValue.map { sample["guidance"] = .object(["txt_cfg": .double($0)]) }
            case .sampler: sample["sample_method"] = .string(value.textValue)
            case .scheduler: sample["scheduler"] = .string(value.textValue)
            default: continue
            }
        }
        if !sample.isEmpty { fields["sample_params"] = .object(sample) }
        if let initImage {
            fields["init_image"] = .string(Data(initImage).base64EncodedString())
            if let strength = request[.denoise]?.numberValue { fields["strength"] = .double(strength) }
        }
        if let mask { fields["mask_image"] = .string(Data(mask).base64EncodedString()) }
        if !loras.isEmpty {
            fields["lora"] = .array(loras.map { .object(["path": .string($0.path), "multiplier": .double($0.multiplier)]) })
        }
        return OutgoingRequest(
            method: "POST", url: AIClientWire.join(endpoint.baseURL, "sdcpp/v1/img_gen"),
            headers: headers(endpoint) + [("Content-Type", "application/json")], body: Array(JSONValue.object(fields).jsonText.utf8),
            timeout: .seconds(60))
    }

    /// `GET /sdcpp/v1/jobs/{id}`.
    public static func job(endpoint: ProviderEndpoint, id: String) -> OutgoingRequest {
        OutgoingRequest(method: "GET", url: AIClientWire.join(endpoint.baseURL, "sdcpp/v1/jobs/" + id), headers: headers(endpoint), timeout: .seconds(60))
    }

    /// `POST /sdcpp/v1/jobs/{id}/cancel`.
    public static func cancel(endpoint: ProviderEndpoint, id: String) -> OutgoingRequest {
        OutgoingRequest(
            method: "POST", url: AIClientWire.join(endpoint.baseURL, "sdcpp/v1/jobs/\(id)/cancel"), headers: headers(endpoint),
            timeout: .seconds(10))
    }

    /// sd-server takes no key; one is sent as a bearer token when configured, for a proxy in front.
    static func headers(_ endpoint: ProviderEndpoint) -> [(String, String)] {
        var headers = [("Accept", "application/json")]
        if let secret = endpoint.credential?.secret, !secret.isEmpty { headers.append(("Authorization", "Bearer " + secret)) }
        return headers
    }

    /// The job id of an accepted submission (`{"id": …}`). Ids go into URLs, the journal and
    /// messages, so only what sd-server makes is taken: letters, digits, `_` and `-`.
    public static func decodeAccepted(_ body: [UInt8]) -> String? {
        guard let id = JSONValue.parse(body)?["id"]?.stringValue else { return nil }
        return isJobID(id) ? id : nil
    }

    /// Whether `id` has the shape of an sd-server job id (what its route pattern accepts).
    public static func isJobID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maxIDLength
            && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
    }

    /// A job reply; nil when it is not a job object with a known `status`.
    public static func decodeJob(_ body: [UInt8]) -> SDCppJob? {
        guard let json = JSONValue.parse(body), case .object = json, let status = json["status"]?.stringValue else { return nil }
        let message = (json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue).map { TerminalText.oneLine($0, limit: 300) }
        switch status {
        case "queued":
            return .queued(ahead: json["queue_position"]?.intValue.map { max(0, $0) })
        case "generating":
            return .generating
        case "completed":
            let images = json["result"]?["images"]?.arrayValue ?? []
            let encoded = images.compactMap { $0["b64_json"]?.stringValue }
            return .completed(images: encoded, format: json["result"]?["output_format"]?.stringValue.map { TerminalText.oneLine($0, limit: 20) })
        case "failed":
            let code = json["error"]?["code"]?.stringValue.map { TerminalText.oneLine($0, limit: 60) }
            return .failed(code: code, message: message ?? "the job failed without a reason")
        case "cancelled":
            return .cancelled(message: message)
        default:
            return nil
        }
    }

    /// The capabilities reply; nil when it is not a JSON object. Lists are capped (a model
    /// folder of thousands of LoRAs still answers, but Easel keeps the first 2,000).
    public static func decodeCapabilities(_ body: [UInt8]) -> SDCppCapabilities? {
        guard let json = JSONValue.parse(body), case .object = json else { return nil }
        func names(_ value: JSONValue?) -> [String] {
            (value?.arrayValue ?? []).prefix(2_000).compactMap { $0.stringValue.map { TerminalText.oneLine($0, limit: 200) } }
        }
        let limits = json["limits"]
        let loras = (json["loras"]?.arrayValue ?? []).prefix(2_000).compactMap { item -> SDCppCapabilities.LoRA? in
            guard let path = item["path"]?.stringValue, !path.isEmpty, path.utf8.count <= 1_000 else { return nil }
            let name = TerminalText.oneLine(item["name"]?.stringValue ?? path, limit: 200)
            return SDCppCapabilities.LoRA(name: name, path: path)
        }
        return SDCppCapabilities(
            modelName: json["model"]?["name"]?.stringValue.map { TerminalText.oneLine($0, limit: 200) },
            supportedModes: json["supported_modes"]?.arrayValue == nil ? nil : names(json["supported_modes"]),
            samplers: names(json["samplers"]), schedulers: names(json["schedulers"]), loras: Array(loras),
            minWidth: limits?["min_width"]?.intValue, maxWidth: limits?["max_width"]?.intValue,
            minHeight: limits?["min_height"]?.intValue, maxHeight: limits?["max_height"]?.intValue,
            maxBatchCount: limits?["max_batch_count"]?.intValue, imageFeatures: features(json))
    }

    /// The `img_gen` features the server turns on (`features_by_mode.img_gen`, or the older
    /// top-level `features`); nil when it sends neither.
    static func features(_ json: JSONValue) -> Set<String>? {
        guard case .object(let flags)? = json["features_by_mode"]?["img_gen"] ?? json["features"] else { return nil }
        return Set(flags.filter { $0.value.boolValue == true }.keys.prefix(200))
    }

    /// One line for an error reply to `route` (`POST /sdcpp/v1/img_gen`): the server's words when
    /// it gave some, else the status. A 404 on the native routes means an sd-server built before
    /// them (or something else on that port), which the line says with what to do instead.
    public static func errorLine(status: Int, body: [UInt8], route: String, baseURL: String) -> String {
        let server = "sd-server at \(TerminalText.oneLine(baseURL, limit: 120))"
        if status == 404, !route.contains("/jobs/") {
            return "\(server) has no native async API (HTTP 404 on \(route)); update sd-server, or use the compatible provider with its /v1/images/generations"
        }
        let json = JSONValue.parse(body)
        let words = [json?["error"]?["message"]?.stringValue ?? json?["error"]?.stringValue, json?["message"]?.stringValue]
            .compactMap { $0 }.filter { !$0.isEmpty }
        var line = "\(server) answered HTTP \(status) to \(route)"
        if !words.isEmpty { line += ": " + words.joined(separator: " — ") }
        return TerminalText.oneLine(line, limit: 400)
    }
}
