import EaselCore
import Testing

@testable import EaselStore

@Suite struct ModelsByProviderTests {
    @Test func distinctModelsOfEachProviderSorted() throws {
        let (store, _) = try ThreadListTests.populated()
        _ = try store.localThread(provider: .openAI, title: "another", model: "dall-e-3")
        #expect(try store.modelsByProvider() == [.aiClient: ["dalle2_text2img", "sd_text2img"], .openAI: ["dall-e-3"]])
    }

    @Test func aThreadWithoutAModelCountsForItsProviderOnly() throws {
        let store = try HistoryStore.temporary()
        _ = try store.localThread(provider: .azure, title: "no model", model: "")
        #expect(try store.modelsByProvider() == [.azure: []])
    }

    @Test func emptyHistoryHasNone() throws {
        #expect(try HistoryStore.temporary().modelsByProvider().isEmpty)
    }
}
