/// The on-disk shape of `catalog.json`: models may name a template of shared prompt rules and
/// settings instead of repeating them.
struct CatalogDocument: Decodable {
    struct Template: Decodable {
        var prompt: PromptRules
        var settings: [SettingSpec]
    }

    struct Model: Decodable {
        var id: String
        var name: String
        var prompt: PromptRules?
        var settings: [SettingSpec]?
        var inherits: String?
        var retired: Retirement?
    }

    struct Provider: Decodable {
        var id: ProviderID
        var name: String
        var wire: WireFormat
        var defaultBaseURL: String
        var defaultModel: String
        var models: [Model]
        var profile: ProviderProfile?

        func entry(templates: [String: Template]) throws -> ProviderEntry {
            let models = try models.map { model -> ModelEntry in
                let template = try model.inherits.map { name in
                    guard let found = templates[name] else { throw CatalogError.unknownTemplate(name, model: model.id) }
                    return found
                }
                guard let prompt = model.prompt ?? template?.prompt else { throw CatalogError.missingPrompt(model: model.id) }
                return ModelEntry(
                    id: model.id, name: model.name, prompt: prompt,
                    settings: model.settings ?? template?.settings ?? [], retired: model.retired)
            }
            guard models.contains(where: { $0.id == defaultModel }) else {
                throw CatalogError.unknownDefaultModel(defaultModel, provider: id.rawValue)
            }
            return ProviderEntry(
                id: id, name: name, wire: wire, defaultBaseURL: defaultBaseURL, defaultModel: defaultModel,
                models: models, profile: profile ?? .standard)
        }
    }

    var checked: String
    var providers: [Provider]
    var templates: [String: Template]?
}

/// A catalog document that does not hang together.
public enum CatalogError: Error, Sendable, CustomStringConvertible {
    case unknownTemplate(String, model: String)
    case missingPrompt(model: String)
    case unknownDefaultModel(String, provider: String)

    public var description: String {
        switch self {
        case .unknownTemplate(let name, let model): "catalog: model \(model) inherits unknown template \(name)"
        case .missingPrompt(let model): "catalog: model \(model) has no prompt rules"
        case .unknownDefaultModel(let name, let provider): "catalog: provider \(provider) defaults to unknown model \(name)"
        }
    }
}
