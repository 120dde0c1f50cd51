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
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            actions += inbox.drain()
            if actions.contains(where: { if case .costsLoaded = $0 { true } else { false } }) { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let answered = actions.compactMap { action -> (Int, Int)? in
            if case .searchResults(let generation, let hits) = action { (generation, hits.count) } else { nil }
        }
        #expect(answered.map(\.0) == [3])
        #expect(answered.first?.1 == 1)
    }
}
