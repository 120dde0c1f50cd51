import EaselCore

/// The compose pane: the prompt parts, which one the editor shows, the chosen provider and
/// model, the settings the user picked (anything absent takes the catalog default), and an
/// open one-line field editor, if any.
public struct ComposeState: Sendable, Hashable {
    public var parts: [DraftPart]
    /// The part the prompt editor edits and the parts list highlights.
    public var selectedPart: Int
    public var provider: ProviderID
    public var model: String
    /// Only explicit choices; defaults are looked up when needed.
    public var settings: [SettingName: SettingValue]
    /// The highlighted row of the settings list.
    public var selectedSetting: Int
    /// A setting being typed in (Enter on a size, number or text setting).
    public var fieldEdit: FieldEdit?

    /// A fresh composer for `provider`/`model` with one empty positive part.
    public init(provider: ProviderID, model: String) {
        self.parts = [DraftPart()]
        self.selectedPart = 0
        self.provider = provider
        self.model = model
        self.settings = [:]
        self.selectedSetting = 0
        self.fieldEdit = nil
    }

    /// The images being edited; nil when the composer generates.
    public var edit: EditDraft?

    /// What the composer asks the provider for.
    public var operation: ImageOperation { edit?.operation ?? .generate }

    /// The request the composer describes right now.
    public var request: GenerationRequest {
        // Variations take no prompt: the composer's words stay for the next generation or edit.
        GenerationRequest(
            provider: provider, model: model,
            parts: operation == .variation ? [] : parts.map { PromptPart($0.editor.text, weight: $0.weight, kind: $0.kind) },
            settings: settings)
    }

    /// The part the editor shows.
    public var currentPart: DraftPart {
        get { parts[selectedPart] }
        set { parts[selectedPart] = newValue }
    }
}

/// A setting's value being typed in place.
public struct FieldEdit: Sendable, Hashable {
    public var setting: SettingName
    public var editor: TextEditor

    /// Starts editing `setting` from `text`, selected so typing replaces it.
    public init(setting: SettingName, text: String) {
        self.setting = setting
        self.editor = .prefilled(text, maxLength: 64)
    }
}
