import EaselCore

/// One row of the compose pane's settings list: the provider, the model, or one of the model's
/// catalog settings (with the engine's variations applied).
public enum SettingRow: Sendable, Hashable {
    case provider
    case model
    case setting(SettingName)

    /// The rows for what is being composed: provider, model, then the model's settings in
    /// catalog order.
    public static func rows(for compose: ComposeState, catalog: Catalog) -> [SettingRow] {
        let settings = catalog.model(compose.model, of: compose.provider)?.settings ?? []
        return [.provider, .model] + settings.map { .setting($0.name) }
    }

    /// The label shown in the list.
    public var label: String {
        switch self {
        case .provider: "provider"
        case .model: "model"
        case .setting(let name): name.rawValue
        }
    }
}

extension ComposeState {
    /// The chosen engine, explicit or default, which decides what other settings allow.
    public func engine(catalog: Catalog) -> String? {
        guard let model = catalog.model(model, of: provider) else { return nil }
        return (settings[.engine] ?? model.spec(.engine)?.default)?.textValue
    }

    /// The spec of a setting as it applies with the current engine.
    public func spec(_ name: SettingName, catalog: Catalog) -> SettingSpec? {
        catalog.model(model, of: provider)?.spec(name, engine: name == .engine ? nil : engine(catalog: catalog))
    }
}
