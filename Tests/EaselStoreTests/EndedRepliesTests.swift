import EaselCore
import EaselImage
import Foundation
import Testing

@testable import EaselStore

/// A process killed between a job's last write and deleting its reply's files left them for
/// ever (the crash loop found one); the next `resume` or studio clears them.
@Suite struct EndedRepliesTests {
    @Test func repliesOfEndedJobsAreClearedAndUnfinishedOnesKept() throws {
        let store = try HistoryStore.temporary()
        func journalled(_ prompt: String) throws -> (Int64, String) {
            let job = try store.beginJob(Fixtures.request(prompt), baseURL: "http://127.0.0.1:1")
            try store.recordReply(job, .object(["data": .array([.object(["b64_json": .string("aGVsbG8=")])])]))
            let file = try #require(try store.read { db in try String.fetchOne(db, sql: "SELECT reply FROM job WHERE id = ?", arguments: [job]) }
                .flatMap { JSONValue.parse(Array($0.utf8))?["data"]?.arrayValue?.first?["b64_file"]?.stringValue })
            #expect(FileManager.default.fileExists(atPath: file))
            return (job, file)
        }
        let (done, doneFile) = try journalled("saved, then killed before its files went")
        try store.finishJob(done, state: .done)
        let (failed, failedFile) = try journalled("ended as failed")
        try store.finishJob(failed, state: .failed, error: "x")
        let (waiting, waitingFile) = try journalled("killed while saving: resume needs its reply")

        #expect(try store.discardRepliesOfEndedJobs() == 2)
        #expect(!FileManager.default.fileExists(atPath: doneFile))
        #expect(!FileManager.default.fileExists(atPath: failedFile))
        #expect(FileManager.default.fileExists(atPath: waitingFile))
        let replies = try store.read { db in try String?.fetchAll(db, sql: "SELECT reply FROM job ORDER BY id") }
        #expect(replies.map { $0 != nil } == [false, false, true])
        #expect(try store.discardRepliesOfEndedJobs() == 0)
        _ = waiting
    }
}
