import EaselImage
import Foundation

/// The providers and models Easel knows, their settings, allowed values, defaults and limits.
/// It is data (`Resources/catalog.json`), so adding a model or a value is an edit, not code.
public struct Catalog: Sendable, Hashable {
    public var providers: [ProviderEntry]
    /// When the limits were last checked against the services' documents.
    public var checked: String

    public init(providers: [ProviderEntry], checked: String) {
        self.providers = providers
        self.checked = checked
    }

    /// The catalog shipped with Easel (compiled in). Loaded once; a broken one is a build defect.
    public static let bundled: Catalog = {
        do {
            return try Catalog(json: Data(BundledJSON.catalog.utf8))
        } catch {
            fatalError("catalog.json is invalid: \(error)")
        }
    }()

    /// Starts decoding the bundled catalog on a thread of its own, so that whoever needs it
    /// first (the studio, after reading its config, theme and keys meanwhile) finds it ready
    /// or waits only for the rest: `bundled` is initialised once, and a second reader blocks
    /// until the first is done.
    public static func startLoadingBundled() {
        Thread.detachNewThread { _ = Catalog.bundled }
    }

    /// The bundled catalog's provider ids in its order, without decoding it: `easel --help`
    /// lists them, and decoding the whole catalog would be most of its time.
    public static var bundledProviderIDs: [ProviderID] { BundledJSON.catalogProviderIDs.map(ProviderID.init(rawValue:)) }

    /// Reads a catalog document, expanding model templates.
    public init(json: Data) throws {
        guard let tree = JSONValue.parseSmall(Array(json)) else { throw CatalogError.malformed("catalog", expected: "JSON") }
        try self.init(document: try CatalogDocument(json: tree))
    }

    /// A decoded catalog document with its templates expanded.
    init(document: CatalogDocument) throws {
        self.checked = document.checked
        self.providers = try document.providers.map { try $0.entry(templates: document.templates ?? [:], inputRules: document.inputRules ?? [:]) }
    }

    /// The provider with this id, if known.
    public func provider(_ id: ProviderID) -> ProviderEntry? { providers.first { $0.id == id } }

    /// The model of the provider, if both are known.
    public func model(_ model: String, of provider: ProviderID) -> ModelEntry? {
        self.provider(provider)?.model(model)
    }
}
