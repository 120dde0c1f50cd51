import EaselCore

extension SandboxServer {
    /// The base URL a client of `provider` should use, by the wire format the provider speaks.
    public func baseURL(for provider: ProviderID) -> String {
        switch Catalog.bundled.provider(provider)?.wire {
        case .openAIImages?: openAIBaseURL
        case .aceDataImages?: aceDataBaseURL
        case .aiClientThreads?, nil: aiClientBaseURL
        }
    }
}
