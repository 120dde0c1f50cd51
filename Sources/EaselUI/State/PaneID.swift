/// The studio's panes, numbered as the number keys and the title bar's tabs show them.
public enum PaneID: Int, Sendable, Hashable, CaseIterable {
    case compose = 1
    case progress = 2
    case history = 3

    /// The pane's name in the title bar and help.
    public var title: String {
        switch self {
        case .compose: "Compose"
        case .progress: "Progress"
        case .history: "History"
        }
    }
}

/// Where the keyboard is inside the studio: a pane, and inside the compose pane one of its
/// three sections. Tab walks these in order.
public enum Focus: Sendable, Hashable, CaseIterable {
    case prompt
    case parts
    case settings
    case jobs
    case historyList
    case historyEntries
    case historySearch

    /// The pane this focus lies in.
    public var pane: PaneID {
        switch self {
        case .prompt, .parts, .settings: .compose
        case .jobs: .progress
        case .historyList, .historyEntries, .historySearch: .history
        }
    }

    /// The sections Tab walks through, in order (the search box is reached with `/`).
    public static let tabOrder: [Focus] = [.prompt, .parts, .settings, .jobs, .historyList, .historyEntries]
}
