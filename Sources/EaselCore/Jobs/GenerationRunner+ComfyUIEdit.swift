extension GenerationRunner {
    /// ComfyUI: the inputs uploaded, then a built-in image-to-image or inpaint graph.
    func runComfyUIEdit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        throw .invalid(ValidationFailure(problems: [
            ValidationProblem(field: "provider", message: "\(request.provider.id) cannot \(request.operation.phrase) yet")
        ]))
    }
}
