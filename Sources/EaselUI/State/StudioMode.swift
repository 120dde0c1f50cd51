/// What has the keyboard, derived from the state in one place and in one order: a question
/// first, then help, a field opened over everything, the mask editor, the viewer, the history's
/// overlays, and otherwise the focused section. Key contexts and "is a text field typing?" both
/// read it, so they cannot disagree about which of several open things wins.
public enum StudioMode: Hashable, Sendable {
    case confirmingQuit
    case confirmingSend
    case help
    case exporting
    case addingInputPath
    case maskEditor(confirmingLeave: Bool)
    case viewer
    case ledger
    case comparison
    case confirmingDelete
    case importing
    case renaming
    /// No overlay: the focused section has the keyboard (a setting's field when one is open).
    case section(Focus, editingField: Bool)

    /// The keymap contexts that apply, most specific first.
    public var keyContexts: [KeyContext] {
        switch self {
        case .confirmingQuit: [.confirmQuit]
        case .confirmingSend: [.confirmSend]
        case .help: [.help, .global]
        case .exporting: [.exportField, .global]
        case .addingInputPath: [.inputPathField, .global]
        // Not `.global`: Tab and the pane keys would close the editor and lose the mask.
        case .maskEditor(let confirmingLeave): confirmingLeave ? [.confirmLeaveMask] : [.maskEditor]
        case .viewer: [.viewer, .global]
        case .ledger: [.ledger, .global]
        case .comparison: [.comparison, .global]
        case .confirmingDelete: [.confirmDelete]
        case .importing: [.importField, .global]
        case .renaming: [.rename, .global]
        case .section(let focus, let editingField):
            switch focus {
            case .prompt: [.prompt, .global]
            case .settings where editingField: [.field, .global]
            case .parts: [.parts, .global, .outsideText]
            case .settings: [.settings, .global, .outsideText]
            case .jobs: [.jobs, .global, .outsideText]
            case .historyList: [.historyList, .global, .outsideText]
            case .historyEntries: [.historyEntries, .global, .outsideText]
            case .historySearch: [.historySearch, .global]
            }
        }
    }

    /// Whether typed characters go into a text field.
    public var isTyping: Bool {
        switch self {
        case .exporting, .addingInputPath, .importing, .renaming: true
        case .section(let focus, let editingField): focus == .prompt || focus == .historySearch || (focus == .settings && editingField)
        case .confirmingQuit, .confirmingSend, .help, .maskEditor, .viewer, .ledger, .comparison, .confirmingDelete: false
        }
    }
}

extension AppState {
    /// What has the keyboard now (see `StudioMode`).
    public var mode: StudioMode {
        if confirmingQuit { return .confirmingQuit }
        if confirmingSend != nil { return .confirmingSend }
        if showHelp { return .help }
        if export != nil { return .exporting }
        if inputPath != nil { return .addingInputPath }
        if let editor = maskEditor { return .maskEditor(confirmingLeave: editor.confirmingLeave) }
        if viewer != nil { return .viewer }
        let inHistory = focus.pane == .history
        if history.ledger != nil, inHistory { return .ledger }
        if history.comparison != nil, inHistory { return .comparison }
        if history.confirmingDelete != nil { return .confirmingDelete }
        if history.importing != nil, inHistory { return .importing }
        if history.renaming != nil, inHistory { return .renaming }
        return .section(focus, editingField: focus == .settings && compose.fieldEdit != nil)
    }
}
