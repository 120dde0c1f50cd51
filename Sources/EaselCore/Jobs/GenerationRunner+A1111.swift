import Foundation

extension GenerationRunner {
    /// AUTOMATIC1111: not wired yet (the provider's flow lands with its wire format).
    func runA1111(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        throw .configuration("\(request.provider.id): Easel cannot run AUTOMATIC1111 jobs yet")
    }
}
