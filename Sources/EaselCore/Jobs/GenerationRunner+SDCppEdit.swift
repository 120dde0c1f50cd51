extension GenerationRunner {
    /// stable-diffusion.cpp's sd-server: `img_gen` with an init image and mask.
    func runSDCppEdit(
        _ request: ResolvedRequest, images: [InputImage], mask: InputImage?,
        endpoint: ProviderEndpoint, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        throw .invalid(ValidationFailure(problems: [
            ValidationProblem(field: "provider", message: "\(request.provider.id) cannot \(request.operation.phrase) yet")
        ]))
    }
}
