extension ImageMetadata {
    /// Keywords the interpretations below always consume; `UserComment`, `prompt` and
    /// `workflow` are consumed only when they hold what is expected (see `isInterpreted`).
    static let interpretedKeywords: Set<String> = [
        ImageMetadataWriter.recordKeyword, ImageMetadataWriter.infotextKeyword, "invokeai_metadata", "sd-metadata", "Dream",
    ]

    /// Whether `entry` was read as part of a source (or reported as a problem), rather than
    /// being "other text".
    func isInterpreted(_ entry: TextEntry) -> Bool {
        switch entry.keyword {
        case _ where Self.interpretedKeywords.contains(entry.keyword): true
        case "UserComment": sources.contains { $0.kind == .automatic1111 && $0.raw == entry.text }
        case "prompt", "workflow": Self.looksLikeJSONObject(entry.text)
        default: false
        }
    }

    /// Other tools store plain-text prompts under `prompt` too; ComfyUI's are JSON objects.
    static func looksLikeJSONObject(_ text: String) -> Bool {
        text.unicodeScalars.first { !PythonText.isSpace($0) } == "{"
    }

    /// Fills `sources`, `problems`, `easelRecord` and `infotext` from `textEntries`.
    mutating func interpret() {
        if let json = text(for: ImageMetadataWriter.recordKeyword) {
            interpretEasel(json)
        }
        // A `parameters` chunk is AUTOMATIC1111's by name; a UserComment only when its last
        // line holds parameters, since cameras and editors write comments there too.
        if let parameters = text(for: ImageMetadataWriter.infotextKeyword), !PythonText.strip(parameters).isEmpty {
            interpretInfotext(parameters)
        } else if let comment = text(for: "UserComment"), !Infotext(parsing: comment).parameters.isEmpty {
            interpretInfotext(comment)
        }
        let comfy = ComfyUIMetadata.sources(
            prompt: text(for: "prompt").flatMap { Self.looksLikeJSONObject($0) ? $0 : nil },
            workflow: text(for: "workflow").flatMap { Self.looksLikeJSONObject($0) ? $0 : nil })
        sources += comfy.sources
        problems += comfy.problems
        let invoke = InvokeAIMetadata.source(
            metadata: text(for: "invokeai_metadata"), legacy: text(for: "sd-metadata"), dream: text(for: "Dream"))
        if let source = invoke.source { sources.append(source) }
        problems += invoke.problems
    }

    private mutating func interpretEasel(_ json: String) {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(Array(json.utf8))
        } catch {
            problems.append("unreadable Easel metadata: \(error)")
            return
        }
        guard parsed["easel"] != nil, let record = EaselImageRecord(jsonText: json) else {
            problems.append("unreadable Easel metadata: not an Easel record (fields missing or of the wrong type)")
            return
        }
        easelRecord = record
        let infotext = Infotext(record: record)
        var settings: [MetadataSource.Setting] = [.init(name: "Provider", value: record.provider)]
        settings += record.settings.map { .init(name: $0.name, value: $0.value) }
        let optional: [(String, String?)] = [
            ("Revised prompt", record.revisedPrompt), ("Thread", record.threadID), ("Entry", record.entryID),
            ("Image index", record.imageIndex.map { String($0) }), ("Remote URL", record.remoteURL),
            ("Credits", record.credits.map { JSONWriter.numberText($0) }), ("Usage", record.usage?.sortedText),
            ("Created", record.createdAt), ("Finished", record.finishedAt), ("Easel version", record.easelVersion),
        ]
        settings += optional.compactMap { name, value in value.map { .init(name: name, value: $0) } }
        sources.append(
            MetadataSource(
                kind: .easel, prompt: infotext.prompt, negativePrompt: infotext.negativePrompt.isEmpty ? nil : infotext.negativePrompt,
                model: record.model, settings: settings, raw: json))
    }

    private mutating func interpretInfotext(_ text: String) {
        let parsed = Infotext(parsing: text)
        infotext = parsed
        sources.append(
            MetadataSource(
                kind: .automatic1111, prompt: parsed.prompt, negativePrompt: parsed.negativePrompt.isEmpty ? nil : parsed.negativePrompt,
                model: parsed.value(for: "Model"),
                settings: parsed.parameters.map { .init(name: $0.key, value: $0.value) }, raw: text))
    }
}
