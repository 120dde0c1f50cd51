import Foundation

extension GenerationRunner {
    /// stable-diffusion.cpp: not wired yet (the provider's flow lands with its wire format).
    func runSDCpp(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        throw .configuration("\(request.provider.id): Easel cannot run stable-diffusion.cpp jobs yet")
    }
}
