import Foundation

/// OSC 8 hyperlinks (`ESC ] 8 ; ; URI ESC \ text ESC ] 8 ; ; ESC \`), so a printed path or URL
/// opens with a click. Terminals cannot be asked whether they support them, and some old ones
/// print the sequence as junk, so they are only written where the environment names a terminal
/// known to handle them.
public enum Hyperlink {
    /// Whether the terminal described by `environment` is known to support OSC 8.
    public static func supported(environment: [String: String]) -> Bool {
        // Inside tmux the link must survive tmux too (3.4+ with the hyperlinks feature); which
        // version runs is not known here, so plain text is the safe choice.
        if environment["TMUX"] != nil { return false }
        if environment["KITTY_WINDOW_ID"] != nil || environment["WT_SESSION"] != nil { return true }
        if let vte = environment["VTE_VERSION"].flatMap(Int.init), vte >= 5000 { return true }
        let programs: Set<String> = ["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "Tabby", "rio"]
        if let program = environment["TERM_PROGRAM"], programs.contains(program) { return true }
        let term = environment["TERM"] ?? ""
        return ["xterm-kitty", "foot", "xterm-ghostty", "alacritty", "wezterm"].contains { term.hasPrefix($0) }
    }

    /// `text` linked to `target` (a URL, or a local path made into a `file://` URL with this
    /// host's name, as the spec asks). Control characters in either are dropped: they would
    /// end the sequence early.
    public static func link(_ text: String, to target: String, hostname: String = ProcessInfo.processInfo.hostName) -> String {
        let uri: String
        if target.hasPrefix("/") {
            var components = URLComponents()
            components.scheme = "file"
            components.host = hostname
            components.path = target
            uri = components.string ?? ("file://" + target)
        } else {
            uri = target
        }
        let safeURI = String(String.UnicodeScalarView(uri.unicodeScalars.filter { $0.value >= 0x21 && $0.value < 0x7F || $0.value > 0x9F }))
        let safeText = String(String.UnicodeScalarView(text.unicodeScalars.filter { !($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }))
        return "\u{1B}]8;;\(safeURI)\u{1B}\\\(safeText)\u{1B}]8;;\u{1B}\\"
    }
}
