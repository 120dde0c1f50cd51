import EaselCore
import Foundation
import Testing

@testable import EaselStore

@Suite struct SearchTests {
    static func populated() throws -> (store: HistoryStore, thread: Int64, lighthouse: Int64, cafe: Int64, revised: Int64) {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let thread = try store.localThread(provider: .openAI, title: "Harbour studies", model: "dall-e-3")
        let lighthouse = try store.recordEntry(
            thread: thread, kind: .request, request: Fixtures.request("a lighthouse in a storm", negative: "watermark"))
        let cafe = try store.recordEntry(
            thread: thread, kind: .request, request: Fixtures.request("a quiet café in Zürich", negative: nil))
        let revised = try store.recordEntry(
            thread: thread, kind: .response, revisedPrompt: "A photorealistic kingfisher perched on a branch")
        return (store, thread, lighthouse, cafe, revised)
    }

    @Test func wordsArePrefixes() throws {
        let fixture = try Self.populated()
        let hits = try fixture.store.search("ligh")
        #expect(hits.first?.entry == fixture.lighthouse)
        #expect(hits.first?.thread == fixture.thread)
        #expect(try fixture.store.search("lighthouse storm").map(\.entry) == [fixture.lighthouse])
        #expect(try fixture.store.search("lighthouse kingfisher").isEmpty)
    }

    @Test func accentsAreIgnoredBothWays() throws {
        let fixture = try Self.populated()
        #expect(try fixture.store.search("cafe").map(\.entry) == [fixture.cafe])
        #expect(try fixture.store.search("zurich").map(\.entry) == [fixture.cafe])
        #expect(try fixture.store.search("CAFÉ").map(\.entry) == [fixture.cafe])
    }

    @Test func negativeRevisedAndTitleTextIsFound() throws {
        let fixture = try Self.populated()
        #expect(try fixture.store.search("watermark").map(\.entry) == [fixture.lighthouse])
        #expect(try fixture.store.search("kingfish").map(\.entry) == [fixture.revised])
        let titleHits = try fixture.store.search("harbour")
        #expect(titleHits.count == 1)
        #expect(titleHits[0].entry == nil)
        #expect(titleHits[0].thread == fixture.thread)
    }

    @Test func matchesAreHighlighted() throws {
        let fixture = try Self.populated()
        let hit = try #require(try fixture.store.search("lightho").first)
        #expect(hit.snippet.contains("\(SearchHit.highlightStart)lighthouse\(SearchHit.highlightEnd)"))
        let cafe = try #require(try fixture.store.search("cafe").first)
        #expect(cafe.snippet.contains("\(SearchHit.highlightStart)café\(SearchHit.highlightEnd)"))
    }

    @Test(arguments: [
        "\"", "\"\"", "*", "AND", "OR", "NOT", "NEAR(", "NEAR(light", "-", "-light", "light*", "^light", "prompt:light",
        "(light", "light)", "a AND", "\"light", "{prompt}: x", "+", "''", "\\", "\u{0}", "   ", "",
    ])
    func operatorsAndQuotesAreText(query: String) throws {
        let fixture = try Self.populated()
        _ = try fixture.store.search(query)
    }

    @Test func operatorWordsMatchAsWords() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let thread = try store.localThread(provider: .openAI, model: "dall-e-3")
        let entry = try store.recordEntry(
            thread: thread, kind: .request, request: Fixtures.request("salt AND pepper near the sea", negative: nil))
        #expect(try store.search("AND").map(\.entry) == [entry])
        #expect(try store.search("NEAR(").map(\.entry) == [entry])
        #expect(try store.search("\"pepper").map(\.entry) == [entry])
        #expect(try store.search("-sea").map(\.entry) == [entry])
    }

    @Test func queryBuilderQuotesEveryWord() {
        #expect(SearchQuery.matchExpression("ligh ca\"fe") == "\"ligh\"* \"ca\"\"fe\"*")
        #expect(SearchQuery.matchExpression("- * \" ") == nil)
    }

    @Test("a one-letter word beside longer ones is the word being typed and is left out; alone it is kept")
    func oneLetterWords() {
        #expect(SearchQuery.matchExpression("fox s") == "\"fox\"*")
        #expect(SearchQuery.matchExpression("s") == "\"s\"*")
        #expect(SearchQuery.matchExpression("a b") == "\"a\"* \"b\"*")
    }

    @Test("hits carry their thread's title; a query matching more than the broad limit comes newest first")
    func titlesAndBroadQueries() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let thread = try store.localThread(provider: .openAI, title: "harbour studies", model: "dall-e-3")
        var entries: [Int64] = []
        try store.transaction {
            for index in 0..<(HistoryStore.broadMatchCount + 10) {
                entries.append(try store.recordEntry(thread: thread, kind: .request, request: Fixtures.request("harbour boat \(index)", negative: nil)))
            }
        }
        let hits = try store.search("harb", limit: 5)
        #expect(hits.map(\.entry) == entries.suffix(5).reversed().map { Optional($0) })
        #expect(hits.allSatisfy { $0.title == "harbour studies" })
        let last = HistoryStore.broadMatchCount + 5
        let narrow = try store.search("boat \(last)", limit: 5)
        #expect(narrow.first?.entry == entries[last])
    }

    @Test func limitIsRespected() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let thread = try store.localThread(provider: .openAI, model: "dall-e-3")
        for index in 0..<20 {
            _ = try store.recordEntry(thread: thread, kind: .request, request: Fixtures.request("sunset \(index)"))
        }
        #expect(try store.search("sunset", limit: 5).count == 5)
        #expect(try store.search("sunset", limit: 0).isEmpty)
    }
}
