/// A request checked against the catalog, with every setting filled in (the user's value or the
/// model's default) and the prompt shaped for what the model can take.
public struct ResolvedRequest: Sendable, Hashable {
    public var request: GenerationRequest
    public var provider: ProviderEntry
    public var model: ModelEntry
    /// Every setting that has a value, explicit or default.
    public var values: [SettingName: SettingValue]
    /// The settings the user gave, as opposed to defaults.
    public var explicit: Set<SettingName>
    /// What was dropped or folded to fit the model (weights ignored, negatives dropped).
    public var notices: [String]
    /// Generate, edit or variation; the model's settings above are the operation's.
    public var operation: ImageOperation = .generate

    /// The prompt as one text, for models without weighted parts: the positive parts in order,
    /// joined with ", ". Extra networks and `BREAK` markers (A1111 syntax) are not words, so
    /// they are left out.
    public var foldedPrompt: String {
        request.positiveParts.filter(\.isText).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }

    /// The prompt parts as they go on the wire: each part for a model with weights (negatives
    /// only where it takes them), else the one folded prompt.
    public var sentParts: [PromptPart] {
        if model.prompt.weights {
            return request.parts.filter { model.prompt.negative || $0.weight > 0 }
        }
        let folded = foldedPrompt
        return folded.isEmpty ? [] : [PromptPart(folded)]
    }

    /// The request as it was sent (see `sentParts`), with the settings as given.
    public var sentRequest: GenerationRequest {
        GenerationRequest(provider: request.provider, model: request.model, parts: sentParts, settings: request.settings)
    }

    /// The value of a setting, if it has one.
    public subscript(_ name: SettingName) -> SettingValue? { values[name] }

    /// The settings in catalog order with their wire names, as a wire encoder sends them.
    public func wireFields(explicitOnly: Bool) -> [(name: String, value: SettingValue)] {
        let engine = values[.engine]?.textValue
        return model.settings.compactMap { spec in
            guard spec.local != true, let value = values[spec.name], !explicitOnly || explicit.contains(spec.name) else { return nil }
            return (spec.applying(engine: engine).wireName, value)
        }
    }
}
