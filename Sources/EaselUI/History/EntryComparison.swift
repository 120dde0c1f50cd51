import EaselCore

/// Two entries side by side, the older on the left: what was asked of each, field by field.
public struct EntryComparison: Sendable, Hashable {
    public var older: ComparedEntry
    public var newer: ComparedEntry

    /// Orders `a` and `b` by date (then id).
    public init(_ a: ComparedEntry, _ b: ComparedEntry) {
        let aFirst = (a.created, a.id) <= (b.created, b.id)
        older = aFirst ? a : b
        newer = aFirst ? b : a
    }

    /// The fields: provider, model, the prompt, the negative prompt, then every setting either
    /// side has, by name. Values are one line each (`TerminalText.oneLine`: server text).
    public var fields: [ComparedField] {
        func prompt(_ request: GenerationRequest?, negative: Bool) -> String {
            let parts = (request?.parts ?? []).filter { ($0.weight < 0) == negative }
            return parts.map { part in
                let text = TerminalText.oneLine(part.text)
                return abs(part.weight) == 1 ? text : "(\(text):\(String(format: "%.1f", abs(part.weight))))"
            }.joined(separator: ", ")
        }
        let left = older.request
        let right = newer.request
        var fields = [
            ComparedField(label: "provider", older: left?.provider.rawValue ?? "", newer: right?.provider.rawValue ?? ""),
            ComparedField(label: "model", older: TerminalText.oneLine(left?.model ?? ""), newer: TerminalText.oneLine(right?.model ?? "")),
            ComparedField(label: "prompt", older: prompt(left, negative: false), newer: prompt(right, negative: false)),
            ComparedField(label: "negative", older: prompt(left, negative: true), newer: prompt(right, negative: true)),
        ]
        let keys = Set((left?.settings.keys).map(Array.init) ?? []).union((right?.settings.keys).map(Array.init) ?? []).sorted()
        for key in keys {
            fields.append(ComparedField(
                label: TerminalText.oneLine("\(key)"), older: TerminalText.oneLine(left?.settings[key]?.textValue ?? "—"),
                newer: TerminalText.oneLine(right?.settings[key]?.textValue ?? "—")))
        }
        return fields
    }
}
