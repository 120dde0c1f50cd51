import EaselCore
import Foundation
import GRDB
import Testing

@testable import EaselStore

/// Two `HistoryStore`s on one file stand in for two Easel processes: each has its own pool and
/// connections, so they meet only through SQLite's file locks, as processes would.
@Suite struct ConcurrencyTests {
    /// Collects failures from worker threads.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var messages: [String] = []

        func record(_ error: any Error) { note(String(describing: error)) }

        func note(_ text: String) {
            lock.lock()
            messages.append(text)
            lock.unlock()
        }
    }

    @Test func twoStoresOpeningANewFileTogetherBothSucceed() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { _ = try HistoryStore.open(at: url) } catch { failures.record(error) }
        }
        #expect(failures.messages.isEmpty)
        #expect(try HistoryStore.open(at: url).isIntact())
    }

    /// Found by four `easel generate` processes starting together on a new history: one got
    /// SQLITE_BUSY straight away (switching to WAL does not wait on the busy handler).
    @Test("eight stores opening one new file at the same moment all open and write", arguments: 0..<5)
    func manyStoresOpeningANewFileTogether(round: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-open-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("history.sqlite")
        let failures = Failures()
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for index in 0..<8 {
            DispatchQueue.global().async(group: group) {
                start.wait()
                do {
                    let store = try HistoryStore.open(at: url)
                    _ = try store.beginJob(Fixtures.request("opener \(index) round \(round)", negative: nil), baseURL: "http://h")
                } catch {
                    failures.record(error)
                }
            }
        }
        for _ in 0..<8 { start.signal() }
        group.wait()
        #expect(failures.messages == [])
        #expect(try HistoryStore.open(at: url).unfinishedJobs().count == 8 - failures.messages.count)
    }

    @Test func twoStoresWritingFromManyThreadsLoseNothing() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        let stores = [try HistoryStore.open(at: url), try HistoryStore.open(at: url)]
        let workers = 6
        let rounds = 40
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let store = stores[worker % 2]
            do {
                for round in 0..<rounds {
                    let job = try store.beginJob(Fixtures.request("worker \(worker) round \(round)"), baseURL: "http://127.0.0.1:1")
                    try store.updateJob(job, state: .sending)
                    // Threads are shared between workers: upserts of the same guid must meet, not clash.
                    let thread = try store.upsertThread(
                        provider: .aiClient, guid: "shared-\(round % 5)", title: "shared \(round % 5)",
                        model: "sd_text2img", created: Date(timeIntervalSince1970: 1_700_000_000))
                    let entry = try store.recordEntry(
                        thread: thread, guid: "w\(worker)-r\(round)", kind: .response, credits: 1)
                    try store.recordImages(
                        entry: entry, images: [SavedImage(path: "/tmp/w\(worker)-\(round).png", width: 1, height: 1, bytes: 1, format: .png)])
                    _ = try store.threads(limit: 5)
                    try store.finishJob(job, state: .done, thread: "shared-\(round % 5)", entry: "w\(worker)-r\(round)")
                }
            } catch {
                failures.record(error)
            }
        }
        #expect(failures.messages.isEmpty, "\(failures.messages.prefix(3))")

        let check = try HistoryStore.open(at: url)
        let total = workers * rounds
        let threads = try check.threads(matching: ThreadFilter(provider: .aiClient))
        #expect(threads.count == 5)
        #expect(threads.map(\.entryCount).reduce(0, +) == total)
        #expect(threads.map(\.imageCount).reduce(0, +) == total)
        #expect(threads.map(\.credits).reduce(0, +) == Double(total))
        #expect(try check.unfinishedJobs().isEmpty)
        let (jobs, done, positionsUnique) = try check.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM job") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM job WHERE state = 'done' AND finished IS NOT NULL") ?? 0,
                try Bool.fetchOne(db, sql: """
                    SELECT count(*) = count(DISTINCT thread || ':' || position) FROM entry
                    """) ?? false
            )
        }
        #expect(jobs == total)
        #expect(done == total)
        #expect(positionsUnique)
        #expect(try check.isIntact())
    }

    @Test func writesUseImmediateTransactions() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        let store = try HistoryStore.open(at: url)
        let statements = Failures()
        store.pool.writeWithoutTransaction { db in
            db.trace { event in
                if case .statement(let statement) = event, statement.sql.hasPrefix("BEGIN") { statements.note(statement.sql) }
            }
        }
        _ = try store.beginJob(Fixtures.request(), baseURL: "http://127.0.0.1:1")
        store.pool.writeWithoutTransaction { db in db.trace(options: [], nil) }
        #expect(statements.messages.contains("BEGIN IMMEDIATE TRANSACTION"))
        #expect(!statements.messages.contains("BEGIN DEFERRED TRANSACTION"))
    }

    @Test func aWriteLockHeldTooLongIsReportedAsLocked() throws {
        let url = try Fixtures.folder().appendingPathComponent("history.sqlite")
        let store = try HistoryStore.open(at: url, busyTimeout: 0.2)
        let other = try DatabaseQueue(path: url.path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            #expect(throws: StoreError.locked(seconds: 0.2)) {
                _ = try store.beginJob(Fixtures.request(), baseURL: "http://127.0.0.1:1")
            }
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try store.beginJob(Fixtures.request(), baseURL: "http://127.0.0.1:1") > 0)
        #expect(StoreError.locked(seconds: 0.2).description.hasSuffix("for more than 0.2 s"))
    }
}
