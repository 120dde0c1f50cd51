import EaselCore

/// Two entries side by side, the older on the left: what was asked of each, field by field.
public struct EntryComparison: Sendable, Hashable {
    public var older: ComparedEntry
    public var newer: ComparedEntry
    /// Which changed field is chosen for "again with one change" (an index into the changed
    /// fields, in their order).
    public var selectedChange = 0

    /// Orders `a` and `b` by date (then id).
    public init(_ a: ComparedEntry, _ b: ComparedEntry) {
        let aFirst = (a.created, a.id) <= (b.created, b.id)
        older = aFirst ? a : b
        newer = aFirst ? b : a
    }

    /// The fields that differ, in order.
    public var changedFields: [ComparedField] { fields.filter(\.changed) }

    /// The older entry's request with only `field` taken from the newer one (provider brings its
    /// model along: a model belongs to its provider); nil when the older one has no request.
    public func olderRequest(changing field: ComparedField) -> GenerationRequest? {
        guard var request = older.request else { return nil }
        let newer = self.newer.request
        switch field.label {
        case "provider":
            request.provider = newer?.provider ?? request.provider
            request.model = newer?.model ?? request.model
        case "model":
            request.model = newer?.model ?? request.model
        case "prompt":
            request.parts = (newer?.parts ?? []).filter { $0.weight >= 0 } + request.parts.filter { $0.weight < 0 }
        case "negative":
            request.parts = request.parts.filter { $0.weight >= 0 } + (newer?.parts ?? []).filter { $0.weight < 0 }
        default:
            let name = SettingName(field.label)
            request.settings[name] = newer?.settings[name]
        }
        return request
    }

    /// The fields: provider, model, the prompt, the negative prompt, then every setting either
    /// side has, by name. Values are one line each (`TerminalText.oneLine`: server text).
    public var fields: [ComparedField] {
        func prompt(_ request: GenerationRequest?, negative: Bool) -> String {
            let parts = (request?.parts ?? []).filter { ($0.weight < 0) == negative }
            return parts.map { part in
                let text = TerminalText.oneLine(part.text)
                return abs(part.weight) == 1 ? text : "(\(text):\(DraftPart.tenths(abs(part.weight))))"
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
