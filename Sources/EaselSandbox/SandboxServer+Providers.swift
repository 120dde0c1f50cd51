import EaselCore

extension SandboxServer {
    /// The endpoint to give an Azure OpenAI client (`AZURE_OPENAI_ENDPOINT`): the paths under
    /// it are Azure's own, `/openai/deployments/…` and `/openai/v1/…`.
    public var azureEndpoint: String { origin }
    /// The base URL to give an AI/ML API client (`AIMLAPI_BASE_URL`). It has a prefix of its own
    /// because AI/ML API's path is OpenAI's, while its models, replies and errors are not.
    public var aimlAPIBaseURL: String { origin + "/aimlapi/v1" }
    /// The base URL to give an OpenAI-compatible client (`COMPATIBLE_BASE_URL`): a LocalAI-like
    /// server, which takes `step` and `seed` where OpenAI's route would refuse them.
    public var compatibleBaseURL: String { origin + "/compatible/v1" }

    /// The base URL the sandbox serves a provider on; nil for a provider it does not speak.
    public func baseURL(for provider: ProviderID) -> String? {
        switch provider {
        case .aiClient: aiClientBaseURL
        case .openAI: openAIBaseURL
        case .compatible: compatibleBaseURL
        case .azure: azureEndpoint
        case .aimlAPI: aimlAPIBaseURL
        case .aceData: aceDataBaseURL
        default: nil
        }
    }
}
