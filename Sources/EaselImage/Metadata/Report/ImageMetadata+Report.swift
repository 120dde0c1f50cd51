extension ImageMetadata {
    /// Longest other-text excerpt `summaryLines()` shows, in characters.
    static let excerptLength = 120

    /// A human-readable report for `easel inspect`, one field per line: the file, then each
    /// source (which tool, prompt, negative prompt, model, settings), then other text entries
    /// (shortened) and problems. Multi-line prompts continue on indented lines. No line contains
    /// a control character.
    public func summaryLines() -> [String] {
        var lines: [String] = []
        let size = width.flatMap { width in height.map { "\(width)×\($0)" } } ?? "size unknown"
        lines.append("File: \(format.rawValue.uppercased()), \(size)")
        if sources.isEmpty { lines.append("No generation metadata found.") }
        for source in sources {
            lines.append("Made with: \(source.kind.displayName)")
            if let prompt = source.prompt { lines += Self.field("Prompt", prompt) }
            if let negative = source.negativePrompt { lines += Self.field("Negative prompt", negative) }
            if let model = source.model { lines += Self.field("Model", model) }
            // AUTOMATIC1111's parameters carry the model too; it is shown once, above.
            for setting in source.settings where !(source.model != nil && setting.name == "Model") {
                lines += Self.field(setting.name, setting.value)
            }
        }
        let others = textEntries.filter { !isInterpreted($0) }
        for entry in others {
            // Newlines shown as ⏎ so one entry stays one line.
            let flat = UntrustedText.sanitized(
                String(String.UnicodeScalarView(entry.text.unicodeScalars.flatMap { $0 == "\n" ? Array(" ⏎ ".unicodeScalars) : [$0] })))
            let excerpt = flat.count > Self.excerptLength ? flat.prefix(Self.excerptLength) + "…" : flat
            lines.append("Text \(UntrustedText.sanitized(entry.keyword)) (\(entry.container)): \(excerpt)")
        }
        for problem in problems {
            lines.append("Problem: \(UntrustedText.sanitized(problem))")
        }
        return lines
    }

    /// `  Name: value`, with further lines of a multi-line value indented beneath it.
    private static func field(_ name: String, _ value: String) -> [String] {
        let pieces = UntrustedText.sanitized(value, keepingNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
        let label = "  \(UntrustedText.sanitized(name)): "
        let indent = String(repeating: " ", count: label.count)
        return pieces.enumerated().map { index, piece in (index == 0 ? label : indent) + piece }
    }

    /// The report as JSON with a fixed field order, for `easel inspect --json`:
    ///
    /// ```
    /// {"file_format": "png", "width": 512, "height": 512,
    ///  "sources": [{"kind": "automatic1111", "prompt": …, "negative_prompt": …, "model": …,
    ///               "settings": {…}, "raw": …}],
    ///  "text_chunks": {"parameters": …}, "problems": […]}
    /// ```
    /// Missing values are `null`; a keyword seen twice gets ` (2)` appended. Text is cleaned
    /// of control characters (newlines kept in prompts and raw text), so decoding the JSON
    /// never yields escape sequences either.
    public func jsonReport(pretty: Bool = true) -> String {
        func text(_ value: String?, newlines: Bool = false) -> OrderedJSON {
            value.map { .string(UntrustedText.sanitized($0, keepingNewlines: newlines)) } ?? .null
        }
        let sourceValues: [OrderedJSON] = sources.map { source in
            .object([
                ("kind", .string(source.kind.rawValue)),
                ("prompt", text(source.prompt, newlines: true)),
                ("negative_prompt", text(source.negativePrompt, newlines: true)),
                ("model", text(source.model)),
                ("settings", .object(Self.uniqued(source.settings.map { ($0.name, text($0.value, newlines: true)) }))),
                ("raw", text(source.raw, newlines: true)),
            ])
        }
        let chunks = Self.uniqued(textEntries.map { ($0.keyword, text($0.text, newlines: true)) })
        let report = OrderedJSON.object([
            ("file_format", .string(format.rawValue)),
            ("width", width.map { .int($0) } ?? .null),
            ("height", height.map { .int($0) } ?? .null),
            ("sources", .array(sourceValues)),
            ("text_chunks", .object(chunks)),
            ("problems", .array(problems.map { text($0) })),
        ])
        var writer = JSONWriter()
        writer.pretty = pretty
        writer.write(report)
        return writer.text
    }

    /// Cleans keys and makes them unique (` (2)`, ` (3)`, …) so the JSON object has no
    /// duplicate names.
    private static func uniqued(_ pairs: [(String, OrderedJSON)]) -> [(key: String, value: OrderedJSON)] {
        var used: Set<String> = []
        return pairs.map { key, value in
            let clean = UntrustedText.sanitized(key)
            var candidate = clean
            var count = 1
            while !used.insert(candidate).inserted {
                count += 1
                candidate = "\(clean) (\(count))"
            }
            return (candidate, value)
        }
    }
}
