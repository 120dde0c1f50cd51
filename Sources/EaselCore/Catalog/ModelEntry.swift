/// One model (or ai-client `ai_version_code`) of a provider, with its prompt rules and settings.
public struct ModelEntry: Sendable, Hashable {
    public var id: String
    public var name: String
    public var prompt: PromptRules
    /// In the order a composer shows them.
    public var settings: [SettingSpec]
    public var retired: Retirement?

    /// The spec of the named setting, as it applies with the given engine.
    public func spec(_ name: SettingName, engine: String? = nil) -> SettingSpec? {
        settings.first { $0.name == name }?.applying(engine: engine)
    }
}
