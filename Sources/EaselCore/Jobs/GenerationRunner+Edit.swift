import Foundation

extension GenerationRunner {
    /// Runs a checked edit or variation: one multipart POST whose files are streamed from the
    /// inputs (their kept copies when they have one); the reply — JSON or, for a streamed edit,
    /// `image_edit.*` events — is saved exactly as a generation's, and the result carries the
    /// inputs, the mask and the parent entry for the lineage.
    public func runEdit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?, parent: Int64? = nil,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard request.operation != .generate else {
            return try await run(request, endpoint: endpoint, stem: stem, progress: progress)
        }
        guard request.provider.wire == .openAIImages else {
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "provider", message: "\(request.provider.id) cannot \(request.operation.phrase) yet")
            ]))
        }
        if let retired = request.model.retired, endpoint.host == retired.host {
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "model", message: retired.refusal(model: request.model.id))
            ]))
        }
        let started = Date()
        let what = request.operation == .variation ? "the variation request" : "the edit request"
        let outgoing = OpenAIImagesWire.editRequest(endpoint: endpoint, request: request, images: images, mask: mask)
        var result: GenerationResult
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
        result.operation = request.operation
        result.inputs = images
        result.mask = mask
        result.parent = parent
        result = stamped(result, request: request, startedAt: started)
        progress(JobUpdate(state: .done, thread: result.thread, entry: result.entry))
        return result
    }
}
