import EaselImage

/// Azure OpenAI's content filter as Easel reads it: the refusals, which come in three shapes,
/// turned into one line naming the categories, and the per-category results of a filter report.
///
/// The shapes: `{"error": {"code": "contentFilter", "message"}}` (the how-to pages);
/// `{"error": {…, "inner_error": {"code": "ResponsibleAIPolicyViolation", "content_filter_results": {…}}}}`
/// (the REST reference); and the chat style `{"error": {"code": "content_filter", …,
/// "innererror": {"code": "ResponsibleAIPolicyViolation", "content_filter_result": {…}}}}`.
public enum AzureContentFilter {
    /// "blocked by the content filter: violence (high) — MESSAGE", or nil when the error is not a
    /// content-filter refusal. OpenAI's own `content_policy_violation` without Azure's inner error
    /// stays an ordinary error line.
    public static func refusalLine(_ json: JSONValue) -> String? {
        guard let error = json["error"], case .object = error else { return nil }
        let code = error["code"]?.stringValue
        let inner = error["inner_error"] ?? error["innererror"]
        let results = inner?["content_filter_results"] ?? inner?["content_filter_result"]
        let isFilter = code == "contentFilter" || code == "content_filter"
            || inner?["code"]?.stringValue == "ResponsibleAIPolicyViolation" || results != nil
        guard isFilter else { return nil }
        let categories = results.map(flaggedCategories) ?? []
        let message = error["message"]?.stringValue ?? "no message"
        let named = categories.isEmpty ? "" : categories.joined(separator: ", ") + " — "
        return TerminalText.oneLine("blocked by the content filter: " + named + message)
    }

    /// The categories a filter report marks, each with why: `violence (high)`,
    /// `jailbreak (detected)`, `custom_blocklists (NAME)`. Filtered categories when any are;
    /// otherwise those detected or rated above safe. Sorted, at most twelve.
    public static func flaggedCategories(_ results: JSONValue) -> [String] {
        guard case .object(let fields) = results else { return [] }
        var filtered: [String] = []
        var noticed: [String] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            let label = TerminalText.oneLine(name, limit: 40)
            let severity = value["severity"]?.stringValue.map { TerminalText.oneLine($0, limit: 20) }
            let detected = value["detected"]?.boolValue == true
            let lists = (value["details"]?.arrayValue ?? []).filter { $0["filtered"]?.boolValue != false }
                .compactMap { $0["id"]?.stringValue }.map { TerminalText.oneLine($0, limit: 40) }
            let why = !lists.isEmpty ? lists.joined(separator: ", ") : severity.flatMap { $0 == "safe" ? nil : $0 } ?? (detected ? "detected" : nil)
            let entry = why.map { "\(label) (\($0))" } ?? label
            if value["filtered"]?.boolValue == true {
                filtered.append(entry)
            } else if why != nil {
                noticed.append(entry)
            }
        }
        return Array((filtered.isEmpty ? noticed : filtered).prefix(12))
    }
}
