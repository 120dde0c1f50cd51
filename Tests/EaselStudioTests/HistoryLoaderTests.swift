import EaselCore
import EaselStore
import EaselUI
import Foundation
import Testing

@testable import EaselStudio

@Suite struct HistoryLoaderTests {
    /// Keystrokes queue searches faster than they run; only the newest is answered, so its
    /// answer never waits behind searches the user has already typed past.
    @Test func aSearchMadeStaleWhileWaitingIsNotRun() async throws {
        let store = try HistoryStore.temporary()
        _ = try store.localThread(provider: .openAI, title: "lighthouse at dusk", model: "dall-e-3")
        // The store is held back until all three searches are queued, as a slow first read would.
        let gate = DispatchSemaphore(value: 0)
        let opening = Task<HistoryStore?, Never> {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    gate.wait()
                    continuation.resume()
                }
            }
            return store
        }
        let inbox = Inbox(wake: {})
        let loader = HistoryLoader(opening: opening)
        loader.run(.searchHistory("li", generation: 1), inbox: inbox)
        loader.run(.searchHistory("ligh", generation: 2), inbox: inbox)
        loader.run(.searchHistory("lighthouse", generation: 3), inbox: inbox)
        // Queued after the searches, so its answer means they have all had their turn.
        loader.run(.loadCosts, inbox: inbox)
        gate.signal()

        var actions: [Action] = []
        // Generous: with every suite starting at once on two cores, the opening task can wait
        // seconds for a thread; the loop ends as soon as the marker arrives.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            actions += inbox.drain()
            if actions.contains(where: { if case .costsLoaded = $0 { true } else { false } }) { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let answered = actions.compactMap { action -> (Int, Int)? in
            if case .searchResults(let generation, let hits, _) = action { (generation, hits.count) } else { nil }
        }
        #expect(answered.map(\.0) == [3])
        #expect(answered.first?.1 == 1)
    }

    /// A search shows at most `searchLimit` matches and says whether there were more.
    @Test func aSearchSaysWhetherItShowsEveryMatch() async throws {
        let store = try HistoryStore.temporary()
        for index in 0...HistoryLoader.searchLimit {
            _ = try store.localThread(provider: .openAI, title: "harbour \(index)", model: "dall-e-3")
        }
        _ = try store.localThread(provider: .openAI, title: "lighthouse", model: "dall-e-3")
        let inbox = Inbox(wake: {})
        let loader = HistoryLoader(store: store)
        var answers: [(Int, Bool)] = []
        for (generation, text) in [(1, "harbour"), (2, "lighthouse")] {
            loader.run(.searchHistory(text, generation: generation), inbox: inbox)
            let deadline = Date().addingTimeInterval(60)
            while answers.count < generation, Date() < deadline {
                for case .searchResults(_, let hits, let complete) in inbox.drain() { answers.append((hits.count, complete)) }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        #expect(answers.map(\.0) == [HistoryLoader.searchLimit, 1])
        #expect(answers.map(\.1) == [false, true])
    }
}
