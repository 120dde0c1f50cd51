/// One thing a model does besides generating (edits, variations): the inputs it takes and the
/// settings and prompt rules that apply then, which differ from generation's (edits add
/// `input_fidelity`; variations take no prompt).
public struct OperationSpec: Sendable, Hashable {
    public var inputs: InputRules
    /// Nil for an operation without a prompt (variations).
    public var prompt: PromptRules?
    public var settings: [SettingSpec]

    public init(inputs: InputRules, prompt: PromptRules?, settings: [SettingSpec]) {
        self.inputs = inputs
        self.prompt = prompt
        self.settings = settings
    }
}
