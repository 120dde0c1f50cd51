import EaselCore
import GRDB
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

    @Test func providersAndModelsInterleavedComeOutGroupedAndSorted() throws {
        let store = try HistoryStore.temporary()
        // Written out of order, with repeats and a model-less thread between two models, so a
        // seek that skipped or repeated a pair would show.
        let threads: [(ProviderID, String)] = [
            (.openAI, "gpt-image-1"), (.aiClient, "sd_text2img"), (.openAI, ""), (.azure, "dall-e-3"),
            (.aiClient, "dalle2_text2img"), (.openAI, "dall-e-2"), (.aiClient, "sd_text2img"), (.openAI, "gpt-image-1"),
            (.azure, ""), (.a1111, "sd_xl_base_1.0"), (.openAI, "dall-e-3"),
        ]
        for (index, (provider, model)) in threads.enumerated() {
            _ = try store.localThread(provider: provider, title: "t\(index)", model: model)
        }
        #expect(try store.modelsByProvider() == [
            .a1111: ["sd_xl_base_1.0"],
            .aiClient: ["dalle2_text2img", "sd_text2img"],
            .azure: ["dall-e-3"],
            .openAI: ["dall-e-2", "dall-e-3", "gpt-image-1"],
        ])
    }

    /// Each step is a seek in the provider/model index: none of the statements reads the whole
    /// thread table (at 100k threads `SELECT DISTINCT` took 104 ms, in the queue the next
    /// selection's entries wait in).
    @Test func eachStepIsAnIndexSeek() throws {
        let store = try HistoryStore.temporary()
        let plans = try store.read { db in
            try [HistoryStore.firstPairSQL, HistoryStore.nextModelSQL, HistoryStore.nextProviderSQL].map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(
                    Array(repeating: "x", count: sql.filter { $0 == "?" }.count)))
                    .map { row -> String in row["detail"] }.joined(separator: "; ")
            }
        }
        for plan in plans {
            #expect(plan.contains("COVERING INDEX thread_by_provider_model"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
        #expect(plans.dropFirst().allSatisfy { $0.hasPrefix("SEARCH") }, "\(plans)")
    }

    @Test func emptyHistoryHasNone() throws {
        #expect(try HistoryStore.temporary().modelsByProvider().isEmpty)
    }
}
