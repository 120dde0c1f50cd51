import Foundation

extension GenerationRunner {
    /// Runs a checked edit or variation through the provider's own wire format (OpenAI's
    /// multipart edits, A1111's img2img, a ComfyUI image-to-image graph, sd.cpp's init image);
    /// the images are saved exactly as a generation's, and the result carries the inputs, the
    /// mask and the parent entry for the lineage.
    public func runEdit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?, parent: Int64? = nil,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard request.operation != .generate else {
            return try await run(request, endpoint: endpoint, stem: stem, progress: progress)
        }
        let started = Date()
        var result: GenerationResult
        switch request.provider.wire {
        case .openAIImages:
            result = try await runOpenAIEdit(request, images: images, mask: mask, endpoint: endpoint, stem: stem, progress: progress)
        case .a1111:
            result = try await runA1111Edit(request, images: images, mask: mask, endpoint: endpoint, stem: stem, progress: progress)
        case .comfyUI:
            result = try await runComfyUIEdit(request, images: images, mask: mask, endpoint: endpoint, stem: stem, progress: progress)
        case .sdcpp:
            result = try await runSDCppEdit(request, images: images, mask: mask, endpoint: endpoint, stem: stem, progress: progress)
        default:
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "provider", message: "\(request.provider.id) cannot \(request.operation.phrase)")
            ]))
        }
        result.operation = request.operation
        result.inputs = images
        result.mask = mask
        result.parent = parent
        result = stamped(result, request: request, startedAt: started)
        progress(JobUpdate(state: .done, thread: result.thread, entry: result.entry))
        return result
    }

    /// OpenAI, Azure and compatible servers: one multipart POST to `images/edits` or
    /// `images/variations`, answered by JSON or, streamed, by `image_edit.*` events.
    func runOpenAIEdit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        if let retired = request.model.retired, endpoint.host == retired.host {
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "model", message: retired.refusal(model: request.model.id))
            ]))
        }
        let what = request.operation == .variation ? "the variation request" : "the edit request"
        let outgoing = OpenAIImagesWire.editRequest(endpoint: endpoint, request: request, images: images, mask: mask)
        let result: GenerationResult
        if request[.stream] == .boolean(true) {
            result = try await runOpenAIStream(request, endpoint: endpoint, stem: stem, prepared: outgoing, what: what, progress: progress)
        } else {
            progress(JobUpdate(state: .sending))
            let reply = try await sendOnce(outgoing, what: what, maxBodyBytes: 256 << 20)
            guard reply.isSuccess else {
                throw .rejected(status: reply.status, message: OpenAIImagesWire.errorLine(status: reply.status, body: reply.body))
            }
            guard let decoded = OpenAIImagesWire.decodeReply(reply.body) else {
                throw .badReply("the reply is not an ImagesResponse JSON object")
            }
            result = try await saveReply(decoded, request: request, stem: stem, progress: progress)
        }
        return result
    }
}
