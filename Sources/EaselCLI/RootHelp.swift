import ArgumentParser
import Foundation

/// `easel --help` laid out from the commands' configurations alone, as ArgumentParser lays it
/// out, without building its tree of arguments: that tree reflects over every option of the
/// root and its default subcommand, and each first (type, protocol) check on the way scans the
/// binary's 10,000 conformance records. Rendering here takes microseconds where the parser's
/// help took 1.9 ms of a 4.9 ms command (see DECISIONS.md, 2026-12-06).
///
/// `CommandLogicTests` hold the text to ArgumentParser's own at every width from 27 columns up,
/// so a change in either (a new subcommand, an option on the root, a new version of the
/// package) fails there rather than printing something the parser would not.
enum RootHelp {
    /// The column where descriptions start, and the indent of labels (ArgumentParser's layout).
    static let descriptionColumn = 26
    static let labelIndent = 2

    /// The help for `command`, which has subcommands and no arguments of its own: the root's
    /// only options are the two ArgumentParser adds to every root.
    static func render(_ command: ParsableCommand.Type, columns: Int) -> String {
        let configuration = command.configuration
        let name = configuration.commandName ?? "easel"
        var overview = configuration.abstract
        if !configuration.discussion.isEmpty {
            if !overview.isEmpty { overview += "\n" }
            overview += "\n" + configuration.discussion
        }
        var text = overview.isEmpty ? "" : wrap("OVERVIEW: " + overview, columns: columns) + "\n\n"
        text += "USAGE: \(name) <subcommand>\n\n"
        text += "OPTIONS:\n"
        text += row("--version", "Show the version.", columns: columns)
        text += row("-h, --help", "Show help information.", columns: columns)
        text += "\nSUBCOMMANDS:\n"
        for subcommand in configuration.subcommands where subcommand.configuration.shouldDisplay {
            let sub = subcommand.configuration
            var label = sub.commandName ?? ""
            for alias in sub.aliases { label += ", " + alias }
            if subcommand == configuration.defaultSubcommand { label += " (default)" }
            text += row(label, sub.abstract, columns: columns)
        }
        text += "\n  See '\(name) help <subcommand>' for detailed help."
        return text
    }

    /// One label and its description: the description at the description column, on the
    /// label's line when the label leaves room, else on the next.
    static func row(_ label: String, _ description: String, columns: Int) -> String {
        let indented = String(repeating: " ", count: labelIndent) + label
        guard !description.isEmpty else { return indented + "\n" }
        let wrapped = wrap(description, columns: columns, indent: descriptionColumn)
        if indented.count < descriptionColumn {
            return indented + wrapped.dropFirst(indented.count) + "\n"
        }
        return indented + "\n" + wrapped + "\n"
    }

    /// Fills `text` into lines of at most `columns - indent` characters, breaking at the last
    /// space that fits (or, for a word longer than a line, at the first space after it), keeping
    /// the text's own line breaks, and indents every non-empty line by `indent`. Empty when no
    /// column is left after the indent.
    static func wrap(_ text: String, columns: Int, indent: Int = 0) -> String {
        let width = columns - indent
        guard width > 0 else { return "" }
        // Substrings throughout: a `String` built from other collections goes through a generic
        // path whose first use looks up conformances, the very cost this type avoids.
        var lines: [Substring] = []
        var rest = text[...]
        while true {
            let chunk = rest.prefix(width)
            if let newline = chunk.lastIndex(of: "\n") {
                lines += rest[..<newline].split(separator: "\n", omittingEmptySubsequences: false)
                rest = rest[rest.index(after: newline)...]
            } else if chunk.endIndex == rest.endIndex {
                lines.append(rest)
                break
            } else if let space = chunk.lastIndex(of: " ") ?? rest.firstIndex(of: " ") {
                lines.append(rest[..<space])
                rest = rest[rest.index(after: space)...]
            } else {
                lines.append(rest)
                break
            }
        }
        let margin = String(repeating: " ", count: indent)
        var wrapped = ""
        for (number, line) in lines.enumerated() {
            if number > 0 { wrapped += "\n" }
            if !line.isEmpty {
                wrapped += margin
                wrapped.append(contentsOf: line)  // the Substring overload, not the generic one
            }
        }
        return wrapped
    }

    /// The width ArgumentParser wraps to: `COLUMNS` when it holds a number, else the terminal's
    /// width on standard output, else 80.
    static func screenWidth(columnsVariable: String? = getenv("COLUMNS").map { String(cString: $0) }) -> Int {
        if let columns = columnsVariable.flatMap({ Int($0) }) { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
