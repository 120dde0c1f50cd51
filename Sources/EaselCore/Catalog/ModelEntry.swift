/// One model (or ai-client `ai_version_code`) of a provider, with its prompt rules and settings.
public struct ModelEntry: Sendable, Hashable {
    public var id: String
    public var name: String
    public var prompt: PromptRules
    /// In the order a composer shows them.
    public var settings: [SettingSpec]
    public var retired: Retirement?
    /// What the model takes to edit images; nil when it cannot.
    public var edit: OperationSpec?
    /// What the model takes to make variations; nil when it cannot.
    public var variation: OperationSpec?

    public init(id: String, name: String, prompt: PromptRules, settings: [SettingSpec], retired: Retirement? = nil) {
        self.id = id
        self.name = name
        self.prompt = prompt
        self.settings = settings
        self.retired = retired
    }

    /// The operation's spec, if the model offers it (generating always is, with no inputs).
    public func operation(_ operation: ImageOperation) -> OperationSpec? {
        switch operation {
        case .generate: nil
        case .edit: edit
        case .variation: variation
        }
    }

    /// Whether the model can do `operation`.
    public func offers(_ operation: ImageOperation) -> Bool { operation == .generate || self.operation(operation) != nil }

    /// The model as it stands for `operation`: its prompt rules and settings replaced by the
    /// operation's, so validation and the wire encoders work unchanged. Nil when not offered.
    public func forOperation(_ operation: ImageOperation) -> ModelEntry? {
        guard operation != .generate else { return self }
        guard let spec = self.operation(operation) else { return nil }
        var model = self
        // A variation has no prompt; its rules only matter for prompts, which it refuses.
        model.prompt = spec.prompt ?? PromptRules(maxLength: 0, weights: false, negative: false)
        model.settings = spec.settings
        return model
    }

    /// The spec of the named setting, as it applies with the given engine.
    public func spec(_ name: SettingName, engine: String? = nil) -> SettingSpec? {
        settings.first { $0.name == name }?.applying(engine: engine)
    }
}
