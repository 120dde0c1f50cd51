import EaselCore
import EaselImage
import Foundation
import Testing

@testable import EaselStore

/// The server's reply in the journal: inline images as owner-only files beside the database,
/// kept for `easel resume` only when saving or fetching failed, and removed once the job ends.
@Suite struct ReplyJournalTests {
    let request = GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("a heron")])
    let reply = JSONValue.object([
        "created": .int(1),
        "data": .array([.object(["b64_json": .string("aGVsbG8=")]), .object(["url": .string("https://cdn.example/2.png")])]),
    ])

    func files(_ store: HistoryStore) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: store.replyFolder.path)) ?? []).filter { !$0.hasPrefix(".") }
    }

    @Test func aFailedSaveKeepsTheReplyAndLeavesTheJobForResume() throws {
        let store = try HistoryStore.temporary()
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://api.openai.com/v1")
        #expect(recorder.record(JobUpdate(state: .downloading(done: 0, total: 2), reply: reply)) == nil)
        #expect(files(store).count == 1)
        let file = store.replyFolder.appendingPathComponent(files(store)[0]).path
        #expect(try String(contentsOfFile: file, encoding: .ascii) == "aGVsbG8=")
        let mode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)

        #expect(recorder.finish(.failure(.storage("the disk is full")), localThread: { nil }) == nil)
        #expect(recorder.keptForResume)
        let job = try #require(try store.orphanedJobs().first { $0.id == recorder.journalID })
        #expect(job.state == .downloading && job.error?.contains("disk is full") == true)
        #expect(job.reply?["data"]?.arrayValue?[0]["b64_file"]?.stringValue == file)
        #expect(job.reply?["data"]?.arrayValue?[0]["b64_json"] == nil, "the bytes are not in the database")
        #expect(job.reply?["data"]?.arrayValue?[1]["url"] == .string("https://cdn.example/2.png"))
    }

    @Test func anyOtherEndDropsTheReplyAndItsFiles() throws {
        let store = try HistoryStore.temporary()
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://api.openai.com/v1")
        recorder.record(JobUpdate(state: .downloading(done: 0, total: 2), reply: reply))
        #expect(recorder.finish(.failure(.badReply("image 1 is not an image")), localThread: { nil }) == nil)
        #expect(!recorder.keptForResume)
        #expect(try store.job(recorder.journalID)?.state == .failed)
        #expect(try store.job(recorder.journalID)?.reply == nil)
        #expect(files(store).isEmpty)
    }
}

/// An ai-client entry's images stay on the server, so a failed save is left for resume too.
@Suite struct AIClientSaveFailureTests {
    @Test func aFailedSaveOfAPostedEntryLeavesTheJobForResume() throws {
        let store = try HistoryStore.temporary()
        let request = GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a heron")])
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://app.ai-client.com/api/v1")
        recorder.record(JobUpdate(state: .waiting(pollCount: 1, nextPoll: .seconds(1)), thread: "t-1", entry: "e-1"))
        #expect(recorder.finish(.failure(.storage("the disk is full")), localThread: { nil }) == nil)
        #expect(recorder.keptForResume)
        let job = try #require(try store.orphanedJobs().first { $0.id == recorder.journalID })
        #expect(job.threadGuid == "t-1" && job.entryGuid == "e-1")

        let unsent = try JobRecorder(store: store, request: request, baseURL: "https://app.ai-client.com/api/v1")
        unsent.record(JobUpdate(state: .sending))
        #expect(unsent.finish(.failure(.storage("the disk is full")), localThread: { nil }) == nil)
        #expect(!unsent.keptForResume)
        #expect(try store.job(unsent.journalID)?.state == .failed)
    }
}
