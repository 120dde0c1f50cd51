import EaselCore
import EaselStore
@testable import EaselStudio
@testable import EaselUI
import Foundation
import Testing

/// The loader sends the filters' choices (the history's models by provider) with every first
/// page of threads, so `f` and `m` offer only what is there.
@Suite("History loader: filter choices")
struct HistoryLoaderModelsTests {
    @Test("a first page comes with the models by provider; a later page does not")
    func modelsWithFirstPage() async throws {
        let store = try HistoryStore.temporary()
        _ = try store.localThread(provider: .openAI, title: "fox", model: "dall-e-3")
        _ = try store.localThread(provider: .aiClient, title: "lighthouse", model: "stablediffusion_text2img")
        let (wakes, wake) = AsyncStream<Void>.makeStream()
        let inbox = Inbox { wake.yield() }
        let loader = HistoryLoader(store: store)
        let query = HistoryQuery(provider: nil, period: .all, newestFirst: true, offset: 0, limit: 10)
        loader.run(.loadThreads(query, append: false), inbox: inbox)
        var woken = wakes.makeAsyncIterator()
        var actions: [Action] = []
        while actions.count < 2, await woken.next() != nil {
            actions += inbox.drain()
        }
        guard case .threadsLoaded(let rows, _, _) = actions.first, case .historyModelsLoaded(let models) = actions.last else {
            Issue.record("expected the page and then the models, got \(actions)")
            return
        }
        #expect(rows.count == 2)
        #expect(models == [.aiClient: ["stablediffusion_text2img"], .openAI: ["dall-e-3"]])
        loader.run(.loadThreads(query, append: true), inbox: inbox)
        actions = []
        while actions.isEmpty, await woken.next() != nil {
            actions += inbox.drain()
        }
        #expect(actions.count == 1)
    }
}
