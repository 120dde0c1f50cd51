import EaselCore

/// What the help overlay lists, generated from the keymap so help always matches what the keys
/// do: the focused section's and the global keys first, then every other section's under its
/// own heading; above them, when the launch knew it, the graphics protocol in use and why. The
/// overlay draws it and the reducer scrolls through it; neither asks the other.
enum HelpContent {
    /// The order sections follow after the ones that apply where the keyboard is.
    static let sectionOrder: [KeyContext] = [
        .prompt, .parts, .settings, .field, .jobs, .historyList, .historyEntries, .historySearch, .rename, .importField,
        .confirmDelete, .ledger, .comparison, .viewer, .maskEditor, .confirmLeaveMask, .exportField, .inputPathField, .global, .help, .confirmQuit,
    ]

    /// The overlay's lines: a heading per context, then its keys and what they do.
    static func lines(_ state: AppState, keymap: Keymap = .standard) -> [(String, String, Bool)] {
        var helpState = state
        helpState.showHelp = false
        let current = helpState.mode.keyContexts.filter { $0 != .outsideText }
        let contexts = current + sectionOrder.filter { !current.contains($0) }
        var lines: [(String, String, Bool)] = []
        // What `easel doctor` would say first: which protocol pictures use and why.
        if let summary = state.context.graphicsSummary {
            lines.append(("Pictures", "", true))
            lines.append(("graphics", summary, false))
        }
        for context in contexts {
            let rows = keymap.helpRows(for: context)
            guard !rows.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", "", false)) }
            lines.append((context.title, "", true))
            lines += rows.map { ($0.label, $0.help, false) }
        }
        return lines
    }

    /// How far the overlay scrolls: until its last line is at the bottom of the box.
    static func maxScroll(_ state: AppState, keymap: Keymap) -> Int {
        let count = lines(state, keymap: keymap).count
        return max(0, count - innerHeight(state, lineCount: count))
    }

    /// Rows inside the overlay's box for `lineCount` lines on `state`'s screen.
    static func innerHeight(_ state: AppState, lineCount: Int) -> Int {
        min(state.height - 2, lineCount + 2) - 2
    }
}
