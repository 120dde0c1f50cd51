import EaselCore
import Foundation
import Testing

/// The estimate before sending: rules in order, the count of images, the user's own table.
@Suite("Price table")
struct PriceTableTests {
    static func resolved(_ provider: ProviderID, _ model: String, _ settings: [SettingName: SettingValue]) throws -> ResolvedRequest {
        try Catalog.bundled.resolve(GenerationRequest(provider: provider, model: model, parts: [PromptPart("a fox")], settings: settings)).get()
    }

    @Test("the first matching rule prices each image; n multiplies")
    func rules() throws {
        let table = PriceTable.bundled
        let hdWide = try #require(table.estimate(try Self.resolved(.openAI, "dall-e-3", [.quality: .text("hd"), .size: .text("1792x1024")])))
        #expect(hdWide.amount == 0.12 && hdWide.unit == "USD" && hdWide.images == 1)
        #expect(table.estimate(try Self.resolved(.openAI, "dall-e-3", [:]))?.amount == 0.04)
        let four = try #require(table.estimate(try Self.resolved(.openAI, "dall-e-2", [.size: .text("512x512"), .n: .integer(4)])))
        #expect(abs(four.amount - 0.072) < 1e-9 && four.images == 4)
        #expect(four.text == "≈ $0.072 for 4 images (prices of \(table.checked))")
        let credits = try #require(table.estimate(try Self.resolved(.aiClient, "dalle2_text2img", [.size: .text("512x512"), .n: .integer(2)])))
        #expect(credits.text == "≈ 14 credits for 2 images (prices of \(table.checked))")
    }

    @Test("no estimate where no price is known")
    func unknown() throws {
        #expect(PriceTable.bundled.estimate(try Self.resolved(.openAI, "gpt-image-2", [:])) == nil)
    }

    @Test("a user's table replaces the shipped one; a broken one is named and ignored")
    func userTable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-prices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("prices.json")
        #expect(PriceTable.load(userFile: file).table == .bundled)
        try Data(#"{"checked": "2027-01-01", "prices": [{"provider": "openai", "model": "dall-e-3", "unit": "EUR", "per_image": [{"when": {}, "price": 1.5}]}]}"#.utf8).write(to: file)
        let mine = PriceTable.load(userFile: file)
        #expect(mine.problem == nil)
        #expect(mine.table.estimate(try Self.resolved(.openAI, "dall-e-3", [:]))?.text == "≈ 1.50 EUR (prices of 2027-01-01)")
        try Data(#"{"checked": 3}"#.utf8).write(to: file)
        let broken = PriceTable.load(userFile: file)
        #expect(broken.table == .bundled)
        #expect(broken.problem == "\(file.path) is not a valid price table (wrong type at checked); using the shipped prices")
    }
}
