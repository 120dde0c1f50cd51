import EaselCore
import EaselStore
import EaselUI
import Foundation
import Testing

@testable import EaselStudio

/// The loader's answers are read when its inbox wakes, never by polling the clock; a minute's
/// limit turns an answer that never comes into a failure.
@Suite(.timeLimit(.minutes(1)))
struct HistoryLoaderTests {
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
        var posts = Posts()
        let inbox = posts.inbox
        let loader = HistoryLoader(opening: opening)
        loader.run(.searchHistory("li", generation: 1), inbox: inbox)
        loader.run(.searchHistory("ligh", generation: 2), inbox: inbox)
        loader.run(.searchHistory("lighthouse", generation: 3), inbox: inbox)
        // Queued after the searches, so its answer means they have all had their turn.
        loader.run(.loadCosts, inbox: inbox)
        gate.signal()

        let actions = await posts.collect { $0.contains { if case .costsLoaded = $0 { true } else { false } } }
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
        var posts = Posts()
        let loader = HistoryLoader(store: store)
        var answers: [(Int, Bool)] = []
        for (generation, text) in [(1, "harbour"), (2, "lighthouse")] {
            loader.run(.searchHistory(text, generation: generation), inbox: posts.inbox)
            let actions = await posts.collect { $0.contains { if case .searchResults = $0 { true } else { false } } }
            for case .searchResults(_, let hits, let complete) in actions { answers.append((hits.count, complete)) }
        }
        #expect(answers.map(\.0) == [HistoryLoader.searchLimit, 1])
        #expect(answers.map(\.1) == [false, true])
    }

    /// The first hit is selected when results are shown, so its entries come with them, in the
    /// same post and before them: the studio draws the list and its detail as one frame.
    @Test func searchResultsBringTheFirstHitsEntries() async throws {
        let store = try HistoryStore.temporary()
        let older = try store.localThread(provider: .openAI, title: "harbour at noon", model: "dall-e-3")
        let newer = try store.localThread(provider: .openAI, title: "harbour at dusk", model: "dall-e-3")
        _ = try store.recordEntry(thread: older, kind: .response, revisedPrompt: "a harbour at noon")
        let first = try store.recordEntry(thread: newer, kind: .request, revisedPrompt: "a harbour at dusk")
        let second = try store.recordEntry(thread: newer, kind: .response, credits: 3)
        let loader = HistoryLoader(store: store)
        let (woken, wake) = AsyncStream<Void>.makeStream()
        let inbox = Inbox(wake: { wake.yield() })
        loader.run(.searchHistory("dusk", generation: 1), inbox: inbox)
        loader.run(.loadCosts, inbox: inbox)
        // What each drain took, one drain per wake: the entries and the results must never be
        // split between two.
        var batches: [[Action]] = []
        for await _ in woken {
            let batch = inbox.drain()
            if !batch.isEmpty { batches.append(batch) }
            if batches.joined().contains(where: { if case .costsLoaded = $0 { true } else { false } }) { break }
        }
        let answer = batches.first { $0.contains { if case .searchResults = $0 { true } else { false } } } ?? []
        guard answer.count >= 2, case .entriesLoaded(let thread, let rows) = answer[0],
              case .searchResults(_, let hits, _) = answer[1] else {
            Issue.record("expected entries, then results, in one drain: \(batches.map { $0.map { String(describing: $0).prefix(30) } })")
            return
        }
        #expect(hits.first?.thread == newer && thread == newer)
        #expect(rows.map(\.id) == [first, second])
    }

    /// A search with no match brings no entries.
    @Test func aSearchWithNoHitBringsNoEntries() async throws {
        let store = try HistoryStore.temporary()
        _ = try store.localThread(provider: .openAI, title: "harbour", model: "dall-e-3")
        var posts = Posts()
        let loader = HistoryLoader(store: store)
        loader.run(.searchHistory("lighthouse", generation: 1), inbox: posts.inbox)
        let actions = await posts.collect { $0.contains { if case .searchResults = $0 { true } else { false } } }
        #expect(!actions.contains { if case .entriesLoaded = $0 { true } else { false } })
    }
}

/// An inbox whose every post wakes the test, which drains it then.
private struct Posts {
    let inbox: Inbox
    private var woken: AsyncStream<Void>.Iterator

    init() {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        inbox = Inbox(wake: { continuation.yield() })
        woken = stream.makeAsyncIterator()
    }

    /// What was posted from now until `enough` says so (the suite's time limit ends a wait for
    /// something that never comes).
    mutating func collect(until enough: ([Action]) -> Bool) async -> [Action] {
        var actions: [Action] = []
        while await woken.next() != nil {
            actions += inbox.drain()
            if enough(actions) { break }
        }
        return actions
    }
}
