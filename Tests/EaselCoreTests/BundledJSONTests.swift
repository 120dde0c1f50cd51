import Foundation
import Testing

@testable import EaselCore

/// The catalog and price table are compiled into the binary (an installed `easel` has no
/// resource bundle beside it); the compiled-in text must be the files' text.
struct BundledJSONTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/EaselCore/Resources")

    @Test(arguments: ["catalog", "prices"])
    func compiledInTextMatchesTheFile(name: String) throws {
        let file = try String(contentsOf: Self.resources.appendingPathComponent("\(name).json"), encoding: .utf8)
        let embedded = name == "catalog" ? BundledJSON.catalog : BundledJSON.prices
        #expect(embedded.trimmingCharacters(in: .newlines) == file.trimmingCharacters(in: .newlines), "run `make resources` after editing \(name).json")
    }

    @Test func providerIDsAreTheCatalogs() {
        #expect(Catalog.bundledProviderIDs == Catalog.bundled.providers.map(\.id), "run `make resources` after editing catalog.json")
    }

    @Test func bundledTablesLoad() {
        #expect(!Catalog.bundled.providers.isEmpty)
        #expect(!PriceTable.bundled.prices.isEmpty)
    }
}
