/// What the user asked for: a provider, a model, an ordered list of weighted prompt parts and
/// the settings they chose. Settings left out take the catalog's defaults when resolved.
public struct GenerationRequest: Sendable, Hashable, Codable {
    public var provider: ProviderID
    public var model: String
    public var parts: [PromptPart]
    public var settings: [SettingName: SettingValue]

    public init(
        provider: ProviderID, model: String, parts: [PromptPart],
        settings: [SettingName: SettingValue] = [:]
    ) {
        self.provider = provider
        self.model = model
        self.parts = parts
        self.settings = settings
    }

    /// The parts that describe what to see, in the order given.
    public var positiveParts: [PromptPart] { parts.filter { $0.weight > 0 } }
    /// The parts that describe what to avoid, in the order given.
    public var negativeParts: [PromptPart] { parts.filter { $0.weight < 0 } }
}
