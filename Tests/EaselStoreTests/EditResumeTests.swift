import EaselCore
import EaselImage
import Foundation
import Logging
import Testing

@testable import EaselStore

/// An edit or variation finished after a restart (`easel resume`, the studio's recovery) keeps
/// its lineage: the operation, the inputs, the mask and the parent are journalled with the job
/// before it is sent, and restored when its journalled reply is saved.
@Suite struct EditResumeTests {
    static let transport = AsyncHTTPTransport()

    /// A history with one generated image (the parent) saved at a real path.
    func parentEntry(in store: HistoryStore, folder: URL) throws -> (entry: Int64, image: Int64, path: String) {
        let path = folder.appendingPathComponent("parent.png").path
        let png = try PNGEncoder.encode(RGBImage(width: 4, height: 4, pixels: [UInt8](repeating: 90, count: 48)))
        try Data(png).write(to: URL(fileURLWithPath: path))
        let thread = try store.localThread(provider: .openAI, title: "a fox", model: "dall-e-2")
        _ = try store.recordEntry(thread: thread, kind: .request, request: GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("a fox")]))
        let entry = try store.recordEntry(thread: thread, kind: .response)
        try store.recordImages(entry: entry, images: [SavedImage(path: path, width: 4, height: 4, bytes: png.count, format: .png)])
        let image = try #require(try store.image(atPath: path))
        return (entry, image.id, path)
    }

    func input(_ role: InputImage.Role, path: String, history: Int64?) -> InputImage {
        InputImage(
            role: role, path: path, historyImage: history, sha256: String(repeating: role == .mask ? "b" : "a", count: 64), format: .png,
            width: 4, height: 4, bytes: 100, hasAlpha: role == .mask, kept: "/kept/\(role.rawValue).png")
    }

    func resumeFromReply(_ request: GenerationRequest, operation: ImageOperation, mask: Bool) async throws {
        let store = try HistoryStore.temporary()
        let folder = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parent = try parentEntry(in: store, folder: folder)
        let images = [input(.image, path: parent.path, history: parent.image)]
        let maskImage = mask ? input(.mask, path: folder.appendingPathComponent("mask.png").path, history: nil) : nil

        // The first process: journalled, sent, the reply kept — and then the disk failed.
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://api.openai.com/v1")
        try recorder.recordEdit(JournalEdit(operation: operation, parent: parent.entry, inputs: images, mask: maskImage))
        let result = try PNGEncoder.encode(RGBImage(width: 4, height: 4, pixels: [UInt8](repeating: 200, count: 48)))
        let reply = JSONValue.object(["created": .int(1), "data": .array([.object(["b64_json": .string(Data(result).base64EncodedString())])])])
        #expect(recorder.record(JobUpdate(state: .downloading(done: 0, total: 1), reply: reply)) == nil)
        #expect(recorder.finish(.failure(.storage("the disk is full")), localThread: { nil }) == nil)
        #expect(recorder.keptForResume)

        // The next process finds it and finishes it from the reply.
        let job = try #require(try store.orphanedJobs().first { $0.id == recorder.journalID })
        guard case .resume(let resolved, let wait) = RecoveryPolicy.decide(job) else {
            Issue.record("the edit was not resumed: \(RecoveryPolicyTests.verdict(RecoveryPolicy.decide(job)))")
            return
        }
        #expect(resolved.operation == operation)
        let sender = RequestSender(transport: Self.transport, redactor: SecretRedactor(secrets: []), logger: Logger(label: "test"))
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: folder.appendingPathComponent("out")), hub: ThreadPollHub(sender: sender))
        let endpoint = ProviderEndpoint(provider: job.provider, baseURL: job.baseURL, credential: nil)
        let saved = try await runner.recover(job, request: resolved, wait: wait, endpoint: endpoint, store: store) { _ in }
        let thread = try store.localThread(provider: .openAI, model: "dall-e-2")
        #expect(JobRecorder(store: store, resuming: job).finish(.success(saved), localThread: { thread }) == nil)

        let first = try #require(saved.images.first)
        let made = try #require(try store.image(atPath: first.path))
        let lineage = try #require(try store.lineage(ofEntry: made.entry), "the resumed entry has no lineage")
        #expect(lineage.operation == operation)
        #expect(lineage.parent == parent.entry)
        #expect(lineage.inputs.map(\.path) == [parent.path])
        #expect(lineage.inputs.first?.historyImage == parent.image)
        #expect(lineage.mask?.kept == maskImage?.kept)
    }

    @Test func anEditResumedFromItsReplyLinksToItsParent() async throws {
        try await resumeFromReply(
            GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("a fox in snow")], settings: [.size: .text("256x256")]),
            operation: .edit, mask: true)
    }

    @Test func aVariationResumedFromItsReplyLinksToItsParent() async throws {
        // A variation has no prompt: read as a generation, its request would be refused.
        try await resumeFromReply(
            GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [], settings: [.size: .text("256x256")]),
            operation: .variation, mask: false)
    }

    @Test func theEditSurvivesTheJournalRow() throws {
        let store = try HistoryStore.temporary()
        let recorder = try JobRecorder(
            store: store, request: GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("x")]), baseURL: "https://api.openai.com/v1")
        let edit = JournalEdit(operation: .edit, parent: 7, inputs: [input(.image, path: "/a.png", history: 3)], mask: input(.mask, path: "/m.png", history: nil))
        try recorder.recordEdit(edit)
        #expect(try store.job(recorder.journalID)?.edit == edit)
    }
}
