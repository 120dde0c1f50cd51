/// The on-disk shape of `catalog.json`: models may name a template of shared prompt rules and
/// settings instead of repeating them. Read with `init(json:)` (CatalogDocument+JSON.swift);
/// the Decodable conformances are what the tests hold that reader to.
struct CatalogDocument: Decodable {
    struct Template: Decodable {
        /// Nil for an operation without a prompt (variations).
        var prompt: PromptRules?
        var settings: [SettingSpec]
        var edit: Operation?
        var variation: Operation?
    }

    /// An edit or variation: the name of its input rules and the template of its settings.
    struct Operation: Decodable {
        var inputs: String
        var inherits: String

        func spec(templates: [String: Template], inputRules: [String: InputRules], model: String) throws -> OperationSpec {
            guard let rules = inputRules[inputs] else { throw CatalogError.unknownInputRules(inputs, model: model) }
            guard let template = templates[inherits] else { throw CatalogError.unknownTemplate(inherits, model: model) }
            return OperationSpec(inputs: rules, prompt: template.prompt, settings: template.settings)
        }
    }

    struct Model: Decodable {
        var id: String
        var name: String
        var prompt: PromptRules?
        var settings: [SettingSpec]?
        var inherits: String?
        var retired: Retirement?
        var edit: Operation?
        var variation: Operation?
    }

    struct Provider: Decodable {
        var id: ProviderID
        var name: String
        var wire: WireFormat
        var defaultBaseURL: String
        var defaultModel: String
        var models: [Model]
        var profile: ProviderProfile?

        func entry(templates: [String: Template], inputRules: [String: InputRules]) throws -> ProviderEntry {
            let models = try models.map { model -> ModelEntry in
                let template = try model.inherits.map { name in
                    guard let found = templates[name] else { throw CatalogError.unknownTemplate(name, model: model.id) }
                    return found
                }
                guard let prompt = model.prompt ?? template?.prompt else { throw CatalogError.missingPrompt(model: model.id) }
                var entry = ModelEntry(
                    id: model.id, name: model.name, prompt: prompt,
                    settings: model.settings ?? template?.settings ?? [], retired: model.retired)
                entry.edit = try (model.edit ?? template?.edit)?.spec(templates: templates, inputRules: inputRules, model: model.id)
                entry.variation = try (model.variation ?? template?.variation)?.spec(
                    templates: templates, inputRules: inputRules, model: model.id)
                return entry
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
    var inputRules: [String: InputRules]?
}

/// A catalog document that does not hang together.
public enum CatalogError: Error, Sendable, CustomStringConvertible {
    case unknownTemplate(String, model: String)
    case missingPrompt(model: String)
    case unknownDefaultModel(String, provider: String)
    case unknownInputRules(String, model: String)
    /// A field of the wrong kind or missing (`catalog.providers[2].wire`), and what it should be.
    case malformed(String, expected: String)

    public var description: String {
        switch self {
        case .unknownTemplate(let name, let model): "catalog: model \(model) inherits unknown template \(name)"
        case .missingPrompt(let model): "catalog: model \(model) has no prompt rules"
        case .unknownDefaultModel(let name, let provider): "catalog: provider \(provider) defaults to unknown model \(name)"
        case .unknownInputRules(let name, let model): "catalog: model \(model) takes unknown input rules \(name)"
        case .malformed(let path, let expected): "\(path): expected \(expected)"
        }
    }
}
