import EaselCore
import EaselImage

/// Reads an OpenAI-shaped JSON body's settings, typed as the model's catalog entry says (the
/// OpenAI, Azure and AI/ML API routes all take the same body).
enum SandboxSettings {
    /// A field whose JSON type the model does not take, with what it should have been.
    struct WrongType: Error {
        var field: String
        var expected: String
    }

    /// Fields that are not settings.
    static let notSettings: Set<String> = ["prompt", "model", "stream", "partial_images"]

    /// The settings of `fields` (nulls skipped), or the first field (by name) of the wrong type.
    static func typed(_ fields: [String: JSONValue], spec: ModelEntry?) -> Result<[SettingName: SettingValue], WrongType> {
        var settings: [SettingName: SettingValue] = [:]
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) where !notSettings.contains(name) {
            if value == .null { continue }
            let kind = spec?.spec(SettingName(name))?.kind
            switch (value, kind) {
            case (.number, .integer?) where value.integerValue != nil, (.number, nil) where value.integerValue != nil:
                settings[SettingName(name)] = .integer(value.integerValue ?? 0)
            case (.string(let text), let kind) where kind != .integer:
                settings[SettingName(name)] = .text(text)
            case (.bool(let flag), .boolean?):
                settings[SettingName(name)] = .boolean(flag)
            default:
                return .failure(WrongType(field: name, expected: kind == .integer ? "an integer" : "a string"))
            }
        }
        return .success(settings)
    }
}
