/// The wire format a provider speaks; the job runner picks its flow by this.
public enum WireFormat: String, Sendable, Hashable, Codable {
    case aiClientThreads = "ai-client-threads"
    case openAIImages = "openai-images"
    /// Ace Data Cloud's OpenAI images proxy: synchronous, or a task polled by id (`--async`).
    case aceDataImages = "acedata-images"
}

/// One provider of the catalog: its wire format, default base URL and models.
public struct ProviderEntry: Sendable, Hashable {
    public var id: ProviderID
    public var name: String
    public var wire: WireFormat
    public var defaultBaseURL: String
    public var defaultModel: String
    public var models: [ModelEntry]

    /// The model with this id, if the provider has it.
    public func model(_ id: String) -> ModelEntry? { models.first { $0.id == id } }
}
