/// Finds the line a TOML key or table header is written on.
///
/// TOMLKit reports source positions only for syntax errors, yet a bad colour is only useful to
/// a person with a line number, so this scans the text itself. It understands `[table]`
/// headers, `key =` lines (bare, quoted or dotted) and comments; that covers theme files, and
/// an unmatched key just gets no line.
struct TOMLKeyLocator {
    /// Each header or key line, as a full dotted path such as `colors.accent`, with its line.
    private let entries: [(path: String, line: Int)]

    /// Indexes every header and key in `text`.
    init(text: String) {
        var entries: [(path: String, line: Int)] = []
        var section = ""
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingPrefix(while: \.isWhitespace)
            if line.first == "[" {
                section = Self.headerPath(line)
                entries.append((section, offset + 1))
            } else if line.first != "#", let equals = line.firstIndex(of: "=") {
                let key = Self.keyPath(line[..<equals])
                guard !key.isEmpty else { continue }
                entries.append((section.isEmpty ? key : section + "." + key, offset + 1))
            }
        }
        self.entries = entries
    }

    /// The first line defining `path` (a header like `colors` or a key like `colors.accent`).
    func line(of path: String) -> Int? {
        entries.first { $0.path == path }?.line
    }

    /// `[colors]` → `colors`; `[[a . b]]` → `a.b`; quotes around parts are dropped.
    private static func headerPath(_ line: Substring) -> String {
        let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
        return keyPath(inner)
    }

    /// `dim_text ` → `dim_text`; `"a" . b` → `a.b`.
    private static func keyPath(_ text: Substring) -> String {
        text.split(separator: ".")
            .map { part in trimmed(trimmed(part, [" ", "\t"]), ["\"", "'"]) }
            .joined(separator: ".")
    }

    private static func trimmed(_ text: Substring, _ unwanted: Set<Character>) -> Substring {
        guard let first = text.firstIndex(where: { !unwanted.contains($0) }),
            let last = text.lastIndex(where: { !unwanted.contains($0) })
        else { return "" }
        return text[first...last]
    }
}
