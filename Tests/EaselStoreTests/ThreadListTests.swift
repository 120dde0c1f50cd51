import EaselCore
import Foundation
import GRDB
import Testing

@testable import EaselStore

@Suite struct ThreadListTests {
    static let day: TimeInterval = 86_400
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Three ai-client threads and one OpenAI thread, a day apart, with entries, images and credits.
    static func populated() throws -> (HistoryStore, [Int64]) {
        let store = try HistoryStore.temporary(now: StepClock().now)
        var ids: [Int64] = []
        for index in 0..<3 {
            let created = start + Double(index) * day
            let id = try store.upsertThread(
                provider: .aiClient, guid: "g\(index)", title: "thread \(index)",
                model: index == 2 ? "sd_text2img" : "dalle2_text2img", created: created)
            for step in 0...index {
                let entry = try store.recordEntry(
                    thread: id, guid: "e\(index)-\(step)", kind: .response, credits: 2.5, created: created + Double(step))
                try store.recordImages(
                    entry: entry,
                    images: [SavedImage(path: "/tmp/\(index)-\(step).png", width: 8, height: 8, bytes: 64, format: .png)])
            }
            ids.append(id)
        }
        ids.append(try store.localThread(provider: .openAI, title: "local", model: "dall-e-3"))
        return (store, ids)
    }

    @Test func listIsNewestFirstWithTotals() throws {
        let (store, ids) = try Self.populated()
        let list = try store.threads()
        // The local thread was made "now" by the step clock, a few seconds after thread 0's time.
        #expect(list.map(\.id) == [ids[2], ids[1], ids[3], ids[0]])
        let byID = Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
        #expect(byID[ids[2]]?.entryCount == 3)
        #expect(byID[ids[2]]?.imageCount == 3)
        #expect(byID[ids[2]]?.credits == 7.5)
        #expect(byID[ids[0]]?.entryCount == 1)
        #expect(byID[ids[0]]?.credits == 2.5)
        #expect(byID[ids[3]]?.entryCount == 0)
        #expect(byID[ids[2]]?.updated == Self.start + 2 * Self.day + 2)
    }

    @Test func filtersAndPaging() throws {
        let (store, ids) = try Self.populated()
        #expect(try store.threads(matching: ThreadFilter(provider: .aiClient)).map(\.id) == [ids[2], ids[1], ids[0]])
        #expect(try store.threads(matching: ThreadFilter(provider: .openAI)).map(\.id) == [ids[3]])
        #expect(try store.threads(matching: ThreadFilter(model: "dalle2_text2img")).map(\.id) == [ids[1], ids[0]])
        let middle = ThreadFilter(provider: .aiClient, since: Self.start + Self.day, until: Self.start + 2 * Self.day)
        #expect(try store.threads(matching: middle).map(\.id) == [ids[1]])
        #expect(try store.threads(matching: ThreadFilter(provider: .aiClient), limit: 2, offset: 1).map(\.id) == [ids[1], ids[0]])
        #expect(try store.threads(limit: 0).isEmpty)
    }

    @Test func listQueriesUseIndexes() throws {
        let (store, _) = try Self.populated()
        let plans = try store.read { db in
            try [
                "SELECT * FROM thread ORDER BY updated DESC, id DESC LIMIT 10",
                "SELECT * FROM thread WHERE provider = 'x' ORDER BY updated DESC, id DESC LIMIT 10",
                "SELECT * FROM entry WHERE thread = 1 ORDER BY position",
                "SELECT * FROM job WHERE state IN ('queued', 'sending') ORDER BY id",
            ].map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { row -> String in row["detail"] }.joined(separator: "; ")
            }
        }
        for plan in plans.dropLast() {
            #expect(!plan.contains("TEMP B-TREE"), "sorts without an index: \(plan)")
        }
        // Unfinished jobs are found through the state index; sorting those few rows is fine.
        for plan in plans {
            #expect(plan.contains("INDEX"), "scans without an index: \(plan)")
        }
    }
}
