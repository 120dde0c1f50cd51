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
    /// The base URL to give an AUTOMATIC1111 client (`A1111_BASE_URL`); its routes are
    /// `/sdapi/v1/…` under it, as under a real web UI's `http://HOST:7860`.
    public var a1111BaseURL: String { origin + "/a1111" }
    /// The base URL to give a ComfyUI client (`COMFYUI_BASE_URL`): `/prompt`, `/ws`, … under it.
    public var comfyUIBaseURL: String { origin + "/comfyui" }
    /// The base URL to give a stable-diffusion.cpp client (`SDCPP_BASE_URL`): `/sdcpp/v1/…` under it.
    public var sdcppBaseURL: String { origin + "/sd-server" }

    /// The base URL the sandbox serves a provider on; nil for a provider it does not speak.
    public func baseURL(for provider: ProviderID) -> String? {
        switch provider {
        case .aiClient: aiClientBaseURL
        case .openAI: openAIBaseURL
        case .compatible: compatibleBaseURL
        case .azure: azureEndpoint
        case .aimlAPI: aimlAPIBaseURL
        case .aceData: aceDataBaseURL
        case .a1111: a1111BaseURL
        case .comfyUI: comfyUIBaseURL
        case .sdcpp: sdcppBaseURL
        default: nil
        }
    }
}
