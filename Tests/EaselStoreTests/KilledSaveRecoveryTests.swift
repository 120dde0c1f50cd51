import EaselCore
import EaselImage
import Foundation
import Logging
import Testing

@testable import EaselStore

/// A job killed while its images were being saved (the crash loop's "saving" phase): the journal
/// keeps the stem its files are named with, so the resumed job saves under the same names — no
/// second copy — and the previews and half-recorded images the killed run left are cleared.
@Suite struct KilledSaveRecoveryTests {
    static let transport = AsyncHTTPTransport()
    static let png = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==")!)
    let request = GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("a heron")])

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("easel-killed-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func theJournalKeepsTheStemTheRunSavesUnder() throws {
        let store = try HistoryStore.temporary()
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://api.openai.com/v1")
        #expect(try store.job(recorder.journalID)?.stem == recorder.stem)
        #expect(JobRecorder(store: store, resuming: try #require(try store.job(recorder.journalID))).stem == recorder.stem)
    }

    @Test func aResumedJobReplacesWhatTheKilledRunSavedInsteadOfSavingASecondCopy() async throws {
        let store = try HistoryStore.temporary()
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://api.openai.com/v1")
        let reply = JSONValue.object(["created": .int(1), "data": .array([.object(["b64_json": .string(Data(Self.png).base64EncodedString())])])])
        #expect(recorder.record(JobUpdate(state: .downloading(done: 0, total: 1), reply: reply)) == nil)
        // What the killed run left: a preview, and its image saved but not yet in the history.
        try Data(Self.png).write(to: directory.appendingPathComponent("\(recorder.stem)-partial-1.png"))
        try Data(Self.png).write(to: directory.appendingPathComponent("\(recorder.stem)-1.png"))
        try Data(Self.png).write(to: directory.appendingPathComponent("someone-elses.png"))

        let job = try #require(try store.job(recorder.journalID))
        guard case .resume(let resolved, let wait) = RecoveryPolicy.decide(job) else {
            Issue.record("a job with a journalled reply is resumed")
            return
        }
        let sender = RequestSender(transport: Self.transport, redactor: SecretRedactor(secrets: []), logger: Logger(label: "test"))
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
        let result = try await runner.recover(
            job, request: resolved, wait: wait, endpoint: ProviderEndpoint(provider: .openAI, baseURL: job.baseURL, credential: nil),
            store: store, progress: { _ in })
        #expect(result.images.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["\(recorder.stem)-1.png"])
        #expect(names(directory) == ["\(recorder.stem)-1.png", "someone-elses.png"])
    }

    @Test func aJobEndedUnresumedLosesItsPreviewsButKeepsAndNamesItsSavedImage() throws {
        let store = try HistoryStore.temporary()
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://api.openai.com/v1")
        recorder.record(JobUpdate(state: .sending))
        try Data(Self.png).write(to: directory.appendingPathComponent("\(recorder.stem)-partial-1.png"))
        let job = try #require(try store.job(recorder.journalID))
        #expect(RecoveryPolicy.endUnresumed(job, why: "gone", images: ImageStore(directory: directory)) == "gone")
        #expect(names(directory).isEmpty)

        try Data(Self.png).write(to: directory.appendingPathComponent("\(recorder.stem)-partial-2.png"))
        try Data(Self.png).write(to: directory.appendingPathComponent("\(recorder.stem)-1.png"))
        let kept = directory.appendingPathComponent("\(recorder.stem)-1.png").path
        #expect(RecoveryPolicy.endUnresumed(job, why: "gone", images: ImageStore(directory: directory))
            == "gone; the image it had saved before it stopped is kept: \(kept)")
        #expect(names(directory) == ["\(recorder.stem)-1.png"])
    }
}
