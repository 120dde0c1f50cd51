import ArgumentParser
import EaselCore

/// `--provider` takes a provider id; `--help` lists the catalog's. Any text parses, so an
/// unknown name is refused by `EaselConfig.startingChoice` in one line that lists the choices,
/// like every other invalid input.
extension ProviderID: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument)
    }

    public static var allValueStrings: [String] { Catalog.bundledProviderIDs.map(\.rawValue) }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    public var defaultValueDescription: String { rawValue }
}
