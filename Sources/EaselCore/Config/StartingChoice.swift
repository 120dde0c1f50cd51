/// The provider and model a command starts on. `easel generate` and the studio choose them by
/// the same rule (`EaselConfig.startingChoice`), so the two never disagree.
public struct StartingChoice: Sendable, Hashable {
    public var provider: ProviderID
    public var model: String

    public init(provider: ProviderID, model: String) {
        self.provider = provider
        self.model = model
    }
}

extension EaselConfig {
    /// The flags' provider and model, else the config file's, else the first configured provider
    /// (`defaultProvider`) and its default model. The file's model counts only for the file's
    /// provider (or when the file names none). A provider the catalog does not know, or a model
    /// the provider does not have, is refused with one line naming where it came from.
    public func startingChoice(
        provider flagProvider: String?, model flagModel: String?, catalog: Catalog = .bundled
    ) throws(GenerationError) -> StartingChoice {
        let id = flagProvider.map { ProviderID(rawValue: $0) } ?? defaultProvider
        guard let entry = catalog.provider(id) else {
            let origin = flagProvider.map { "--provider \(TerminalText.oneLine($0, limit: 60))" }
                ?? "provider \"\(TerminalText.oneLine(id.rawValue, limit: 60))\" in the config file"
            let known = catalog.providers.map(\.id.rawValue).joined(separator: ", ")
            throw .configuration("\(origin): not known; allowed: \(known)")
        }
        let fileModel = provider == nil || provider == id ? model : nil
        guard let chosen = flagModel ?? fileModel else { return StartingChoice(provider: id, model: entry.defaultModel) }
        guard let found = entry.model(chosen) else {
            let origin = flagModel != nil
                ? "--model \(TerminalText.oneLine(chosen, limit: 60))" : "model \"\(TerminalText.oneLine(chosen, limit: 60))\" in the config file"
            let known = entry.models.map(\.id).joined(separator: ", ")
            throw .configuration("\(origin): not \(Counted.withArticle(id.rawValue)) model; allowed: \(known)")
        }
        return StartingChoice(provider: id, model: found.id)
    }
}
