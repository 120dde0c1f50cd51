import EaselCore
import EaselImage
import Foundation
import Hummingbird
import NIOCore

/// Image edits and variations (`multipart/form-data`) in the sandbox, for OpenAI's, Azure's and
/// the compatible server's routes: checked as strictly as the real services — the field names
/// (`image`, `image[]`, `mask`, the schema's fields and nothing else), formats by their bytes,
/// sizes, squareness, counts, the mask's alpha and size, then the catalog's settings — and
/// answered with pictures that follow the inputs and the mask (`SandboxEditPainter`), as JSON or
/// `image_edit.*` events. What arrived is kept for tests (`receivedRequests`), files as their
/// name, type, length and SHA-256.
struct SandboxEditRoute: Sendable {
    /// Whose service this route imitates: its catalog provider and its error shape.
    enum Flavour: Sendable {
        case openAI, azure, compatible

        var provider: ProviderID {
            switch self {
            case .openAI: .openAI
            case .azure: .azure
            case .compatible: .compatible
            }
        }
    }

    let state: SandboxState
    let delay: Double
    let flavour: Flavour
    var streamInterval: Double = 0.05

    /// Every field of `CreateImageEditRequest` (multipart).
    static let editFields: Set<String> = [
        "image", "image[]", "mask", "prompt", "model", "n", "size", "response_format", "output_format", "output_compression",
        "user", "input_fidelity", "stream", "partial_images", "quality", "background",
    ]
    /// Every field of `CreateImageVariationRequest`.
    static let variationFields: Set<String> = ["image", "model", "n", "response_format", "size", "user"]

    /// The route's name in the counts and the received requests.
    static func routeName(_ flavour: Flavour, _ operation: ImageOperation) -> String {
        let prefix = switch flavour {
        case .openAI: "openai"
        case .azure: "azure"
        case .compatible: "compatible"
        }
        return prefix + (operation == .variation ? "-variation" : "-edit")
    }

    /// Handles one request; `deployment` names Azure's deployment (nil: the body's model).
    func handle(_ request: Request, operation: ImageOperation, deployment: String? = nil) async throws -> Response {
        let route = Self.routeName(flavour, operation)
        await state.record(route)
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.collectBody(upTo: 128 << 20))
        } catch {
            await state.remember(SandboxImagesRequest.received(request, route: route, body: nil))
            return refuse(.contentTooLarge, "The request body is larger than 128 MiB.", param: nil, code: "request_too_large")
        }
        guard let boundary = MultipartForm.boundary(contentType: contentType) else {
            await state.remember(SandboxImagesRequest.received(request, route: route, body: nil))
            return refuse(.badRequest, "Send the request as multipart/form-data (Content-Type with a boundary).", param: nil, code: nil)
        }
        guard let parts = SandboxMultipart.decode(body, boundary: boundary) else {
            await state.remember(SandboxImagesRequest.received(request, route: route, body: nil))
            return refuse(.badRequest, "The multipart body could not be parsed.", param: nil, code: "invalid_multipart")
        }
        await state.remember(SandboxImagesRequest.received(request, route: route, body: Self.summary(parts)))
        return try await answer(parts, operation: operation, deployment: deployment, origin: "http://" + (request.head.authority ?? "127.0.0.1"))
    }

    private func answer(_ parts: [SandboxMultipartPart], operation: ImageOperation, deployment: String?, origin: String) async throws -> Response {
        let known = operation == .variation ? Self.variationFields : Self.editFields
        if let unknown = parts.first(where: { !known.contains($0.name) }) {
            return refuse(.badRequest, "Unrecognized request argument supplied: \(unknown.name)", param: unknown.name, code: "unknown_parameter")
        }
        var fields: [String: String] = [:]
        for part in parts where !["image", "image[]", "mask"].contains(part.name) {
            if part.isFile {
                return refuse(.badRequest, "'\(part.name)' must be a text field, not a file.", param: part.name, code: "invalid_type")
            }
            guard fields[part.name] == nil else {
                return refuse(.badRequest, "Duplicate parameter: '\(part.name)'.", param: part.name, code: "invalid_value")
            }
            guard let text = part.text else {
                return refuse(.badRequest, "'\(part.name)' is not UTF-8 text.", param: part.name, code: "invalid_value")
            }
            fields[part.name] = text
        }
        let images = parts.filter { $0.name == "image" || $0.name == "image[]" }
        if let text = images.first(where: { !$0.isFile }) ?? parts.first(where: { $0.name == "mask" && !$0.isFile }) {
            return refuse(.badRequest, "'\(text.name)' must be a file upload.", param: text.name, code: "invalid_type")
        }
        guard !images.isEmpty else {
            return refuse(.badRequest, "Missing required parameter: 'image'.", param: "image", code: "missing_required_parameter")
        }
        let masks = parts.filter { $0.name == "mask" }
        guard masks.count <= 1 else { return refuse(.badRequest, "Only one mask may be given.", param: "mask", code: "invalid_value") }
        // The model: Azure's deployment decides; elsewhere the body's, or the schema's default.
        let defaultModel = operation == .variation ? "dall-e-2" : (flavour == .compatible ? "default" : "gpt-image-1.5")
        let modelName = deployment ?? fields["model"] ?? defaultModel
        guard let listed = Catalog.bundled.model(modelName, of: flavour.provider) else {
            if flavour == .azure {
                return SandboxReply.azure(.notFound, code: "DeploymentNotFound", "The API deployment for this resource does not exist.")
            }
            return refuse(.badRequest, "Invalid model '\(modelName)'.", param: "model", code: "invalid_value")
        }
        guard let spec = listed.operation(operation) else {
            return refuse(
                .badRequest, "The model '\(listed.id)' does not support \(operation == .edit ? "image edits" : "image variations").",
                param: "model", code: "unsupported_model")
        }
        let rules = spec.inputs
        if images.contains(where: { $0.name != rules.field }), !(rules.field == "image[]" && images.count == 1) {
            return refuse(.badRequest, "\(listed.id) takes its images as '\(rules.field)'.", param: "image", code: "invalid_value")
        }
        guard images.count <= rules.maxImages else {
            return refuse(.badRequest, "Too many images: \(images.count) given, at most \(rules.maxImages) allowed for \(listed.id).", param: "image", code: "invalid_value")
        }
        var decoded: [DecodedImage] = []
        for (index, image) in images.enumerated() {
            switch check(image.bytes, formats: rules.formats, maxBytes: rules.maxBytes, square: rules.square, what: "image \(index + 1)") {
            case .success(let picture): decoded.append(picture)
            case .failure(let refusal): return refusal.response
            }
        }
        var mask: DecodedImage?
        if let part = masks.first {
            guard let maskRules = rules.mask else {
                return refuse(.badRequest, "\(listed.id) takes no mask.", param: "mask", code: "invalid_value")
            }
            switch check(part.bytes, formats: maskRules.formats, maxBytes: maskRules.maxBytes, square: false, what: "mask") {
            case .failure(let refusal): return refusal.response
            case .success(let picture):
                guard picture.hasAlpha else {
                    return refuse(.badRequest, "Invalid mask: it must have an alpha channel (transparent areas mark what to edit).", param: "mask", code: "invalid_image")
                }
                guard picture.image.width == decoded[0].image.width, picture.image.height == decoded[0].image.height else {
                    return refuse(.badRequest, "Invalid mask: it must be the same size as the image.", param: "mask", code: "invalid_image")
                }
                mask = picture
            }
        }
        // Settings: every remaining field, as text, checked by the catalog like the client does.
        var settings: [SettingName: SettingValue] = [:]
        for (name, value) in fields where !["model", "prompt"].contains(name) { settings[SettingName(name)] = .text(value) }
        var parts: [PromptPart] = []
        if operation == .edit {
            guard let prompt = fields["prompt"] else {
                return refuse(.badRequest, "Missing required parameter: 'prompt'.", param: "prompt", code: "missing_required_parameter")
            }
            parts = [PromptPart(prompt)]
        }
        let wanted = GenerationRequest(provider: flavour.provider, model: listed.id, parts: parts, settings: settings)
        let resolved: ResolvedRequest
        switch Catalog.bundled.resolve(wanted, operation: operation) {
        case .failure(let failure):
            let first = failure.problems[0]
            return refuse(.badRequest, first.description, param: first.field.hasPrefix("prompt") ? "prompt" : first.field, code: "invalid_value")
        case .success(let found):
            resolved = found
        }
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
        let first = decoded[0].image
        // Unasked (or `auto`), a GPT image edit keeps the input's size, as the service does
        // for `auto`; dall-e-2 answers at its default 1024×1024.
        let asked = resolved.explicit.contains(.size) || !SandboxImages.isGPTImage(resolved.model.id) ? resolved[.size]?.textValue : nil
        let size = ImageSize(parsing: asked ?? "") ?? ImageSize(width: first.width, height: first.height)
        let count = resolved[.n]?.integerValue ?? 1
        let pictures = (0..<count).map { index in
            operation == .variation
                ? SandboxEditPainter.variation(of: first, seed: UInt64(index), width: size.width, height: size.height)
                : SandboxEditPainter.edit(
                    base: first, mask: mask?.image, prompt: resolved.foldedPrompt, seed: UInt64(index), width: size.width, height: size.height)
        }
        if resolved[.stream] == .boolean(true) {
            var reply = OpenAIStreamReply(
                request: resolved, partials: resolved[.partialImages]?.integerValue ?? 0, interval: streamInterval, state: state)
            reply.kind = "image_edit"
            reply.pictures = pictures
            return reply.response()
        }
        return try await reply(pictures, request: resolved, origin: origin)
    }

    /// One input's bytes against the rules: format by magic bytes, size, a whole decode, square.
    private func check(_ bytes: [UInt8], formats: [ImageFormat], maxBytes: Int, square: Bool, what: String) -> Result<DecodedImage, FormRefusal> {
        guard let format = ImageFormat.sniff(bytes), formats.contains(format) else {
            let names = formats.map(\.displayName).joined(separator: ", ")
            return .failure(FormRefusal(response: refuse(
                .badRequest, "Invalid file for \(what): unsupported format; use \(names).", param: what == "mask" ? "mask" : "image",
                code: "invalid_image_format")))
        }
        guard bytes.count < maxBytes else {
            return .failure(FormRefusal(response: refuse(
                .badRequest, "Invalid file for \(what): it must be smaller than \(maxBytes / (1 << 20)) MB.", param: what == "mask" ? "mask" : "image",
                code: "image_too_large")))
        }
        let picture: DecodedImage
        do {
            picture = try ImageDecoder.decode(bytes, limits: DecodeLimits(maxWidth: 8192, maxHeight: 8192, maxPixels: 36_000_000))
        } catch {
            return .failure(FormRefusal(response: refuse(
                .badRequest, "Invalid file for \(what): \(error.description)", param: what == "mask" ? "mask" : "image", code: "invalid_image")))
        }
        if square, picture.image.width != picture.image.height {
            return .failure(FormRefusal(response: refuse(
                .badRequest, "Invalid file for \(what): it must be square.", param: "image", code: "invalid_image")))
        }
        return .success(picture)
    }

    private func reply(_ pictures: [RGBImage], request: ResolvedRequest, origin: String) async throws -> Response {
        let format = ImageFormat(rawValue: request[.outputFormat]?.textValue ?? "png") ?? .png
        let isGPTImage = SandboxImages.isGPTImage(request.model.id)
        let inline = isGPTImage || request[.responseFormat]?.textValue == "b64_json"
        var data: [JSONValue] = []
        var files: [String: SandboxFile] = [:]
        for picture in pictures {
            let bytes: [UInt8]
            switch format {
            case .jpeg: bytes = try JPEGEncoder.encode(picture, quality: 90)
            case .webp: bytes = try WebPEncoder.encode(picture, quality: 85)
            case .png: bytes = try PNGEncoder.encode(picture)
            }
            if inline {
                data.append(.object(["b64_json": .string(Data(bytes).base64EncodedString())]))
            } else {
                let path = "/storage/edits/\(UUID().uuidString.lowercased()).\(format.fileExtension)"
                files[path] = SandboxFile(bytes: bytes, contentType: "image/" + format.rawValue)
                data.append(.object(["url": .string(origin + path)]))
            }
        }
        if !files.isEmpty { await state.store(files) }
        var body: [String: JSONValue] = ["created": .int(Int(Date().timeIntervalSince1970)), "data": .array(data)]
        if isGPTImage { body["usage"] = SandboxImages.usage(request) }
        return SandboxReply.json(.object(body))
    }

    /// An error in the flavour's shape.
    private func refuse(_ status: HTTPResponse.Status, _ message: String, param: String?, code: String?) -> Response {
        switch flavour {
        case .azure: SandboxReply.azure(status, code: code ?? "BadRequest", message, param: param, type: "invalid_request_error")
        case .openAI, .compatible: SandboxReply.openAI(status, message, param: param, code: code)
        }
    }

    /// What arrived, for tests: text fields as strings, files (per field name, in order) as
    /// `{filename, content_type, bytes, sha256}`, and the part order as `_order`.
    static func summary(_ parts: [SandboxMultipartPart]) -> [String: JSONValue] {
        var summary: [String: JSONValue] = [:]
        var files: [String: [JSONValue]] = [:]
        for part in parts {
            if part.isFile {
                files[part.name, default: []].append(.object([
                    "filename": .string(part.filename ?? ""), "content_type": part.contentType.map(JSONValue.string) ?? .null,
                    "bytes": .int(part.bytes.count), "sha256": .string(SHA256.hex(part.bytes)),
                ]))
            } else {
                summary[part.name] = .string(part.text ?? "")
            }
        }
        for (name, list) in files { summary[name] = .array(list) }
        summary["_order"] = .array(parts.map { .string($0.name) })
        return summary
    }
}
