import EaselCore
import EaselSandbox
@testable import EaselStore
import Foundation
import Logging
import Testing

/// Mirroring ai-client threads from a real sandbox over HTTP: with and without the thread list,
/// incrementally, and by guid.
@Suite("Thread sync", .serialized, .timeLimit(.minutes(2)))
struct ThreadSyncTests {
    static let transport = AsyncHTTPTransport()
    let token = "sync-token"

    func sender() -> RequestSender {
        RequestSender(transport: Self.transport, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
    }

    /// Makes `count` finished threads on the sandbox, each with one generation.
    func makeThreads(_ sandbox: SandboxServer, count: Int) async throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sender = sender()
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
        let endpoint = ProviderEndpoint(provider: .aiClient, baseURL: sandbox.aiClientBaseURL, credential: Credential(secret: token, source: "test"))
        var guids: [String] = []
        for index in 0..<count {
            let request = try Catalog.bundled.resolve(GenerationRequest(
                provider: .aiClient, model: index % 2 == 0 ? "stablediffusion_text2img" : "dalle2_text2img",
                parts: [PromptPart("lighthouse number \(index)"), PromptPart("fog", weight: -1)],
                settings: index % 2 == 0 ? [:] : [.size: .text("256x256")])).get()
            let result = try await runner.run(request, endpoint: endpoint, stem: "s\(index)") { _ in }
            guids.append(try #require(result.thread))
        }
        return guids
    }

    @Test("with the thread list: discovers every thread, records entries verbatim, and a second sync sends no entry requests")
    func withThreadList() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token))
        let guids = try await makeThreads(sandbox, count: 3)
        let store = try HistoryStore.temporary()
        let sync = ThreadSync(store: store, sender: sender(), baseURL: sandbox.aiClientBaseURL, token: token, concurrency: 2)
        let progress = ProgressLog()
        let first = await sync.sync { progress.append($0) }
        #expect(first.listAvailable && first.failures.isEmpty)
        #expect(first.discovered == 3 && first.fetched == 3 && first.unchanged == 0)
        #expect(progress.values.map(\.done) == [1, 2, 3])
        let threads = try store.threads()
        #expect(Set(threads.compactMap(\.guid)) == Set(guids))
        let sd = try #require(threads.first { $0.model == "stablediffusion_text2img" })
        #expect(sd.title == "New thread with Stable Diffusion Image Generation")
        let entries = try store.entries(ofThread: sd.id)
        #expect(entries.map(\.kind) == [.request, .response])
        #expect(entries[0].request?.parts.map(\.weight) == [1, -1])
        #expect(entries[0].rawJSON?.hasPrefix("{") == true && entries[0].rawJSON?.contains("\"prompts\"") == true)
        #expect(entries[1].images.count == 1 && entries[1].images[0].url?.contains("/storage/") == true)
        #expect(try store.search("lighth").count >= 3)

        let entryRequests = await sandbox.state.count("list-entries")
        let second = await sync.sync()
        #expect(second.unchanged == 3 && second.fetched == 0 && second.requests == 1)
        #expect(await sandbox.state.count("list-entries") == entryRequests, "unchanged threads cost no request")
        #expect(try store.isIntact())
        await sandbox.stop()
    }

    @Test("a thread deleted here stays deleted: sync skips it and counts it; importing it by guid brings it back")
    func deletedThreadsStayDeleted() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token))
        let guids = try await makeThreads(sandbox, count: 2)
        let store = try HistoryStore.temporary()
        let sync = ThreadSync(store: store, sender: sender(), baseURL: sandbox.aiClientBaseURL, token: token)
        #expect(await sync.sync().fetched == 2)
        let doomed = try #require(try store.threads().first { $0.guid == guids[0] })
        try store.deleteThread(doomed.id)

        let entryRequests = await sandbox.state.count("list-entries")
        let again = await sync.sync()
        #expect(again.deletedHere == 1 && again.discovered == 0 && again.fetched == 0 && again.unchanged == 1, "\(again)")
        #expect(try store.threads().compactMap(\.guid) == [guids[1]])
        #expect(await sandbox.state.count("list-entries") == entryRequests, "a thread deleted here costs no request")

        // Asking for it by guid is the user's own wish: it comes back, and later syncs keep it.
        #expect(await sync.importThread(guids[0]) == nil)
        #expect(Set(try store.threads().compactMap(\.guid)) == Set(guids))
        let later = await sync.sync()
        #expect(later.deletedHere == 0 && later.failures.isEmpty, "\(later)")
        #expect(Set(try store.threads().compactMap(\.guid)) == Set(guids))
        await sandbox.stop()
    }

    @Test("without a thread list (404): syncs the known threads quietly, one request each; import adds one by guid")
    func withoutThreadList() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token, threadList: false))
        let guids = try await makeThreads(sandbox, count: 3)
        let store = try HistoryStore.temporary()
        let sync = ThreadSync(store: store, sender: sender(), baseURL: sandbox.aiClientBaseURL, token: token)
        let empty = await sync.sync()
        #expect(!empty.listAvailable && empty.failures.isEmpty && empty.fetched == 0)
        #expect(await sync.importThread(guids[0]) == nil)
        #expect(await sync.importThread(guids[1]) == nil)
        let imported = try #require(try store.threads().first { $0.guid == guids[1] })
        #expect(imported.model == "dalle2_text2img", "inferred from the entries without a thread list")
        #expect(imported.title == "lighthouse number 1", "named after its first prompt without a thread list")
        #expect(await sync.importThread("no-such-thread") == "not found on the server")
        let before = await sandbox.state.count("list-entries")
        let report = await sync.sync()
        #expect(report.fetched == 2 && report.failures.isEmpty)
        #expect(await sandbox.state.count("list-entries") == before + 2)
        #expect(try store.threads().count == 2)
        await sandbox.stop()
    }

    @Test("a thread synced while a request was waiting is fetched again, even when the server's updated_at has not moved")
    func waitingThreadIsRefetched() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.5, token: token))
        let base = sandbox.aiClientBaseURL
        let sender = sender()
        let request = try Catalog.bundled.resolve(GenerationRequest(
            provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("slow harbour")], settings: [.size: .text("256x256")])).get()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-sync-\(UUID().uuidString)")
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
        let endpoint = ProviderEndpoint(provider: .aiClient, baseURL: base, credential: Credential(secret: token, source: "t"))
        let thread = try await runner.openThread(for: request, endpoint: endpoint)
        let posted = try await sender.send(AIClientWire.createEntry(baseURL: base, token: token, thread: thread, request: request), kind: .generation)
        let entry = try #require(AIClientWire.decodeEntry(posted.body)?.guid)
        let store = try HistoryStore.temporary()
        let sync = ThreadSync(store: store, sender: sender, baseURL: base, token: token)
        _ = await sync.sync()
        let id = try #require(try store.threadID(provider: .aiClient, guid: thread))
        #expect(try store.entries(ofThread: id).map(\.waiting) == [true])
        // Wait (by polling the server, as a client would) until the response is there.
        await sandbox.state.waitUntilPainted(entry: entry)
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let listed = try await sender.send(AIClientWire.listEntries(baseURL: base, token: token, thread: thread), kind: .idempotent)
            if (AIClientWire.decodeEntries(listed.body)?.count ?? 0) >= 2 { break }
            try #require(ContinuousClock.now < deadline, "the sandbox's response never appeared in the thread")
            try await Task.sleep(for: .milliseconds(50))
        }
        let report = await sync.sync()
        #expect(report.fetched == 1 && report.unchanged == 0)
        let entries = try store.entries(ofThread: id)
        #expect(entries.map(\.waiting) == [false, false] && entries.last?.images.count == 1)
        try? FileManager.default.removeItem(at: directory)
        await sandbox.stop()
    }

    @Test("a transaction commits all of its writes or none")
    func transactionIsAllOrNothing() throws {
        let store = try HistoryStore.temporary()
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.transaction {
                let thread = try store.upsertThread(provider: .aiClient, guid: "g", model: "dalle2_text2img", created: Date())
                _ = try store.recordEntry(thread: thread, guid: "e", kind: .request)
                throw Stop()
            }
        }
        #expect(try store.threads().isEmpty)
        try store.transaction {
            let thread = try store.upsertThread(provider: .aiClient, guid: "g", model: "dalle2_text2img", created: Date())
            _ = try store.recordEntry(thread: thread, guid: "e", kind: .request)
        }
        #expect(try store.threads().map(\.entryCount) == [1])
    }
}

/// Progress reports, collected from the sync's tasks.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ThreadSync.Progress] = []
    func append(_ item: ThreadSync.Progress) { lock.withLock { items.append(item) } }
    var values: [ThreadSync.Progress] { lock.withLock { items } }
}
