extension GenerationRunner {
    /// AUTOMATIC1111 / Forge: `POST /sdapi/v1/img2img`.
    func runA1111Edit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        throw .invalid(ValidationFailure(problems: [
            ValidationProblem(field: "provider", message: "\(request.provider.id) cannot \(request.operation.phrase) yet")
        ]))
    }
}
