import Foundation

extension GenerationRunner {
    /// ComfyUI: not wired yet (the provider's flow lands with its wire format).
    func runComfyUI(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        throw .configuration("\(request.provider.id): Easel cannot run ComfyUI jobs yet")
    }
}
