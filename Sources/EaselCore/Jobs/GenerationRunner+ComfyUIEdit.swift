import Foundation

extension GenerationRunner {
    /// ComfyUI: an edit or a variation as image-to-image. The graph is the built-in one
    /// (`ComfyUIImageToImage`, inpainting when there is a mask) for `txt2img`, or the saved
    /// workflow, whose LoadImage / LoadImageMask nodes take the inputs. Everything the graph
    /// cannot take is refused before anything is sent; then the pictures are uploaded with
    /// `POST /upload/image` (the mask with `/upload/mask`, into the picture's alpha, or as a
    /// file of its own for a workflow that loads it apart) and the graph is queued and followed
    /// exactly as a generation's.
    func runComfyUIEdit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard URL(string: endpoint.baseURL)?.host != nil else {
            throw .configuration("comfyui needs a server: set COMFYUI_BASE_URL (e.g. http://127.0.0.1:8188) or [comfyui] base_url")
        }
        var request = request
        let builtIn = request.model.id == ComfyUITextToImage.modelID
        let workflow: ComfyUIGraph
        var inputs: ComfyUIInputs
        if builtIn {
            let denoise = request[.denoise]?.numberValue ?? 1
            workflow = ComfyUIImageToImage.graph(masked: mask != nil, denoise: denoise)
            inputs = ComfyUIInputs(finding: workflow)
            if !request.explicit.contains(.size), let first = images.first {
                request.values[.size] = .text(Self.editSize(width: first.width, height: first.height).description)
            }
        } else {
            workflow = try ComfyUIWorkflowFile.load(model: request.model.id, folder: comfyUI.workflowFolder).graph
            inputs = ComfyUIInputs(finding: workflow)
            if let mapping = comfyUI.mappings[request.model.id] {
                inputs = try inputs.overridden(by: mapping, in: workflow, workflow: request.model.id)
            }
        }
        try Self.checkComfyInputs(inputs, images: images, mask: mask, request: request)
        let filled = try await fillComfyGraph(workflow, inputs: inputs, request: &request, builtIn: builtIn, endpoint: endpoint)
        var graph = filled.graph
        var notices = filled.notices

        progress(JobUpdate(state: .generating(ServerProgress(note: "uploading \(Counted.phrase(images.count + (mask == nil ? 0 : 1), "input"))"))))
        let readsMask = ComfyUIInputs.usedOutputs(in: graph)
        for (slot, image) in zip(inputs.image, images) {
            var uploaded = try await comfyUpload(
                ComfyUIWire.uploadImage(
                    baseURL: endpoint.baseURL, credential: endpoint.credential, image: image, name: ComfyUIWire.uploadName(for: image)),
                what: "the image \(TerminalText.oneLine(image.uploadName, limit: 80))")
            if let mask, inputs.maskInImageAlpha, readsMask[slot.node]?.contains(1) == true {
                uploaded = try await comfyUpload(
                    ComfyUIWire.uploadMask(
                        baseURL: endpoint.baseURL, credential: endpoint.credential, mask: mask,
                        name: ComfyUIWire.uploadName(for: image, suffix: "-mask-" + String(mask.sha256.prefix(12))), original: uploaded),
                    what: "the mask")
            }
            graph.set(slot.node, slot.input, .string(uploaded.loadName))
        }
        if let mask, !inputs.mask.isEmpty {
            let uploaded = try await comfyUpload(
                ComfyUIWire.uploadImage(
                    baseURL: endpoint.baseURL, credential: endpoint.credential, image: mask, name: ComfyUIWire.uploadName(for: mask)),
                what: "the mask")
            for slot in inputs.mask {
                graph.set(slot.node, slot.input, .string(uploaded.loadName))
                // Easel's masks are transparent where to repaint; LoadImageMask reads alpha as that.
                if graph.classType(slot.node) == "LoadImageMask", graph.input(slot.node, "channel")?.stringValue != nil {
                    graph.set(slot.node, "channel", .string("alpha"))
                }
            }
        }
        if images.count < inputs.image.count {
            notices.append("workflow \(request.model.id) has \(Counted.phrase(inputs.image.count, "image input")); the rest keep the pictures it names")
        }
        return try await queueComfyGraph(
            graph, request: request, seed: filled.seed, notices: notices, endpoint: endpoint, stem: stem, progress: progress)
    }

    /// What the graph cannot take, refused in one line before anything is sent.
    static func checkComfyInputs(_ inputs: ComfyUIInputs, images: [InputImage], mask: InputImage?, request: ResolvedRequest) throws(GenerationError) {
        let name = request.model.id == ComfyUITextToImage.modelID ? "the built-in image-to-image workflow" : "workflow \(request.model.id)"
        func refuse(_ field: String, _ message: String) -> GenerationError {
            .invalid(ValidationFailure(problems: [ValidationProblem(field: field, message: message + "; nothing was sent")]))
        }
        guard !inputs.image.isEmpty else {
            throw refuse("model",
                "\(name) has no image input (a LoadImage node), so it cannot \(request.operation.phrase): use an image-to-image workflow, or name its node with [comfyui.workflows.\(request.model.id)] image = \"NODE.image\"")
        }
        if images.count > inputs.image.count {
            throw refuse("images", "\(name) takes \(Counted.phrase(inputs.image.count, "image")), and \(images.count) were given")
        }
        if mask != nil, inputs.mask.isEmpty, !inputs.maskInImageAlpha {
            throw refuse("mask",
                "\(name) has no mask input (no LoadImageMask, and no LoadImage whose MASK is used): edit without --mask, or name its node with [comfyui.workflows.\(request.model.id)] mask = \"NODE.image\"")
        }
    }

    /// A local backend's default size for an edit: the first input's, each side rounded to the
    /// nearest multiple of 8 and kept within 64…4096.
    public static func editSize(width: Int, height: Int) -> ImageSize {
        func side(_ value: Int) -> Int { min(4096, max(64, (value + 4) / 8 * 8)) }
        return ImageSize(width: side(width), height: side(height))
    }

    /// One upload; the reply must name the file. Uploads are content-named and overwrite, so a
    /// retried one is harmless.
    func comfyUpload(_ outgoing: OutgoingRequest, what: String) async throws(GenerationError) -> ComfyUIWire.Uploaded {
        let reply: IncomingResponse
        do {
            reply = try await sender.send(outgoing, kind: .idempotent)
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw .network("uploading \(what) to ComfyUI failed: \(error)")
        }
        guard reply.isSuccess else {
            let text = TerminalText.oneLine(String(decoding: reply.body.prefix(400), as: UTF8.self), limit: 200)
            throw .rejected(status: reply.status, message: "ComfyUI refused \(what) (HTTP \(reply.status))\(text.isEmpty ? "" : ": " + text)")
        }
        guard let uploaded = ComfyUIWire.decodeUploaded(reply.body) else {
            throw .badReply("the reply to uploading \(what) names no file")
        }
        return uploaded
    }
}
