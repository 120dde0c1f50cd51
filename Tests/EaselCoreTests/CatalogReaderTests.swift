import EaselImage
import Foundation
import Testing

@testable import EaselCore

/// The catalog is read field by field (CatalogDocument+JSON.swift); the Decodable conformances
/// are the reference it must agree with.
@Suite struct CatalogReaderTests {
    private static func decoded(_ json: Data) throws -> Catalog {
        try Catalog(document: JSONDecoder().decode(CatalogDocument.self, from: json))
    }

    @Test func theBundledCatalogReadsAsTheDecoderReadsIt() throws {
        let json = Data(BundledJSON.catalog.utf8)
        let read = try Catalog(json: json)
        #expect(read == (try Self.decoded(json)))
        #expect(read == Catalog.bundled)
        #expect(read.providers.count == BundledJSON.catalogProviderIDs.count)
    }

    /// The same document written differently: optionals as null, whole numbers as `3.0`, keys
    /// the catalog does not know, a default of each kind.
    @Test func variationsTheDecoderAcceptsReadTheSame() throws {
        let json = """
            {"checked": "2026-12-01", "unknown": [1, {"x": null}],
             "templates": {"t": {"prompt": {"maxLength": 1000.0, "weights": true, "negative": false, "extra": 1},
                                 "settings": [{"name": "size", "kind": "size", "values": ["512x512"], "default": "512x512",
                                               "rule": {"minSide": 64, "maxAspect": 2.5, "maxPixels": null}},
                                              {"name": "steps", "kind": "integer", "min": 1, "max": 150, "default": 30,
                                               "byEngine": {"x": {"max": 50, "default": 20}}},
                                              {"name": "hires", "kind": "boolean", "default": false, "local": true, "wire": null}],
                                 "edit": null}},
             "inputRules": {"one": {"field": "image", "maxImages": 1, "formats": ["png", "webp"], "maxBytes": 4194304,
                                    "square": false, "mask": {"formats": ["png"], "maxBytes": 100, "alpha": true, "sameSize": true}}},
             "providers": [{"id": "p", "name": "P", "wire": "openai-images", "defaultBaseURL": "http://127.0.0.1:1",
                            "defaultModel": "m", "profile": {"keyHeader": "api-key", "local": true, "route": null},
                            "models": [{"id": "m", "name": "M", "inherits": "t", "retired": null,
                                        "edit": {"inputs": "one", "inherits": "t"}},
                                       {"id": "n", "name": "N", "prompt": {"maxLength": 10, "weights": false, "negative": true},
                                        "settings": [], "retired": {"host": "h", "date": "d", "replacement": "m"}}]}]}
            """
        let data = Data(json.utf8)
        let read = try Catalog(json: data)
        #expect(read == (try Self.decoded(data)))
        let steps = try #require(read.model("m", of: "p")?.settings.first { $0.name.rawValue == "steps" })
        #expect(steps.default == .integer(30))
        #expect(steps.byEngine?["x"]?.default == .integer(20))
        #expect(read.provider("p")?.profile == ProviderProfile(keyHeader: .apiKey, local: true))
    }

    /// What the decoder refuses, the reader refuses too, saying which field and what it wanted.
    @Test(arguments: [
        (#"{"checked": "x"}"#, "catalog.providers: expected a list"),
        (#"{"checked": 3, "providers": []}"#, "catalog.checked: expected a string"),
        (#"{"checked": "x", "providers": [{"id": "p", "name": "P", "wire": "carrier-pigeon", "defaultBaseURL": "u", "defaultModel": "m", "models": []}]}"#,
         "catalog.providers[0].wire: expected a known value, not carrier-pigeon"),
        (#"{"checked": "x", "providers": [{"id": "p", "name": "P", "wire": "openai-images", "defaultBaseURL": "u", "defaultModel": "m", "models": [{"id": "m", "name": "M", "prompt": {"maxLength": 1.5, "weights": true, "negative": true}}]}]}"#,
         "catalog.providers[0].models[0].prompt.maxLength: expected a whole number"),
        (#"{"checked": "x", "providers": [], "templates": {"t": {"settings": [{"name": "s", "kind": "text", "default": [1]}]}}}"#,
         "catalog.templates.t.settings[0].default: expected text, a whole number or a flag"),
        (#"{"checked": "x", "providers": [] "#, "catalog: expected JSON"),
    ])
    func malformedDocumentsAreRefusedWithTheirPath(json: String, message: String) throws {
        let data = Data(json.utf8)
        #expect(throws: (any Error).self) { try Self.decoded(data) }
        do {
            _ = try Catalog(json: data)
            Issue.record("read \(json)")
        } catch {
            #expect("\(error)" == message)
        }
    }
}

/// The shipped price table is read by hand too; the decoder (which user files keep) is its
/// reference.
@Suite struct ShippedPricesReaderTests {
    @Test func theShippedTableReadsAsTheDecoderReadsIt() throws {
        let decoded = try JSONDecoder().decode(PriceTable.self, from: Data(BundledJSON.prices.utf8))
        #expect(PriceTable.bundled == decoded)
        #expect(!decoded.prices.isEmpty && decoded.prices.allSatisfy { !$0.perImage.isEmpty })
    }

    @Test(arguments: [
        #"{"prices": []}"#,
        #"{"checked": "x", "prices": [{"provider": "p", "model": "m", "unit": "USD", "per_image": [{"when": {"n": 2}, "price": 1}]}]}"#,
        #"{"checked": "x", "prices": [{"provider": "p", "model": "m", "unit": "USD", "per_image": [{"when": {}, "price": "1"}]}]}"#,
        #"{"checked": "x", "prices": [{"provider": "p", "model": "m", "per_image": []}]}"#,
    ])
    func whatTheDecoderRefusesTheReaderRefuses(json: String) throws {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(PriceTable.self, from: Data(json.utf8)) }
        #expect(PriceTable(shipped: try #require(JSONValue.parseSmall(Array(json.utf8)))) == nil)
    }
}
