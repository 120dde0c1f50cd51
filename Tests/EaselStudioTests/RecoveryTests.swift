import EaselCore
import EaselSandbox
@testable import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Logging
import Testing

/// Jobs a crashed Easel left in the journal: resumed by polling (never posted again) when their
/// request entry was posted; otherwise ended as outcome unknown, with the reason, in the pane
/// and the journal.
@Suite("Studio recovery", .serialized)
struct RecoveryTests {
    let token = "recovery-token"

    func launcher(_ sandbox: SandboxServer, journal: HistoryStore, directory: URL) -> JobLauncher {
        sandboxLauncher(sandbox, token: token, journal: journal, directory: directory)
    }

    @Test("a job whose entry was posted before the crash is polled to the end; one POST in all; the journal and history say done")
    func resumesPostedJob() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.5, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-recovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // What a crashed Easel leaves: a journalled job that posted its entry and was waiting.
        let request = GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a crashed lighthouse")], settings: [.size: .text("256x256")])
        let resolved = try Catalog.bundled.resolve(request).get()
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests)
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
        let endpoint = ProviderEndpoint(provider: .aiClient, baseURL: sandbox.aiClientBaseURL, credential: Credential(secret: token, source: "t"))
        let thread = try await runner.openThread(for: resolved, endpoint: endpoint)
        let posted = try await RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests).send(
            AIClientWire.createEntry(baseURL: sandbox.aiClientBaseURL, token: token, thread: thread, request: resolved), kind: .generation)
        let entry = try #require(AIClientWire.decodeEntry(posted.body)?.guid)
        let jobID = try journal.beginJob(request, baseURL: sandbox.aiClientBaseURL)
        try journal.updateJob(jobID, state: .waiting, thread: thread, entry: entry)
        try Self.orphan(jobID, in: journal)
        // A job that died while being sent: no entry known, so it cannot be resumed.
        let lostID = try journal.beginJob(request, baseURL: sandbox.aiClientBaseURL)
        try journal.updateJob(lostID, state: .sending)
        try Self.orphan(lostID, in: journal)

        let pilot = StudioPilot(
            state: AppState(context: .sandbox(), width: 80, height: 24), launcher: launcher(sandbox, journal: journal, directory: directory))
        pilot.start()
        try await pilot.waitUntil("both recovered jobs to finish") { state in
            state.jobs.count == 2 && state.jobs.allSatisfy(\.phase.isFinished)
        }
        let rows = pilot.state.jobs
        let resumed = try #require(rows.first { $0.entry == entry })
        #expect(resumed.phase == .done && resumed.images.count == 1)
        let lost = try #require(rows.first { $0.entry == nil })
        guard case .outcomeUnknown(let why) = lost.phase else {
            Issue.record("expected outcome unknown, got \(lost.phase)")
            return
        }
        #expect(why.contains("not sent again"))
        #expect(pilot.state.message?.text.contains("resumed 1") == true)
        #expect(await sandbox.state.count("create-entry") == 1, "the resumed job was never posted again")
        #expect(try journal.job(jobID)?.state == .done)
        #expect(try journal.job(lostID)?.state == .outcomeUnknown)
        #expect(try journal.unfinishedJobs().isEmpty)
        let threads = try journal.threads()
        #expect(threads.map(\.guid) == [thread] && threads[0].imageCount == 1)
        await pilot.stop()
        await sandbox.stop()
    }

    @Test("a job killed while posting its entry is found in its thread at the next start and polled to the end; one POST")
    func findsEntryPostedAsEaselDied() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.5, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-recovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let request = GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a lighthouse in a gale")], settings: [.size: .text("256x256")])
        let resolved = try Catalog.bundled.resolve(request).get()
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests)
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
        let endpoint = ProviderEndpoint(provider: .aiClient, baseURL: sandbox.aiClientBaseURL, credential: Credential(secret: token, source: "t"))
        let thread = try await runner.openThread(for: resolved, endpoint: endpoint)
        // The journal row knows the thread and was sending when Easel died; the entry reached the server.
        let jobID = try journal.beginJob(request, baseURL: sandbox.aiClientBaseURL)
        try journal.updateJob(jobID, state: .sending, thread: thread)
        _ = try await sender.send(
            AIClientWire.createEntry(baseURL: sandbox.aiClientBaseURL, token: token, thread: thread, request: resolved), kind: .generation)
        try Self.orphan(jobID, in: journal)

        let pilot = StudioPilot(
            state: AppState(context: .sandbox(), width: 80, height: 24), launcher: launcher(sandbox, journal: journal, directory: directory))
        pilot.start()
        try await pilot.waitUntil("the recovered job to finish") { $0.jobs.count == 1 && $0.jobs[0].phase.isFinished }
        let job = pilot.state.jobs[0]
        #expect(job.phase == .done && job.images.count == 1, "\(job.phase)")
        #expect(job.entry != nil, "the entry found in the thread")
        #expect(await sandbox.state.count("create-entry") == 1, "found, never posted again")
        #expect(try journal.job(jobID)?.state == .done)
        await pilot.stop()
        await sandbox.stop()
    }

    @Test("a job whose images could not be saved is saved from its journalled reply at the next start; one POST in all")
    func savesJournalledReply() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-recovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // The first run saves into a "folder" that is a file, so saving fails after the reply came.
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let blocked = directory.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocked)
        let request = GenerationRequest(
            provider: .openAI, model: "dall-e-2", parts: [PromptPart("a kept reply")],
            settings: [.size: .text("256x256"), .responseFormat: .text("b64_json")])
        let resolved = try Catalog.bundled.resolve(request).get()
        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests)
        let failing = GenerationRunner(sender: sender, store: ImageStore(directory: blocked), hub: ThreadPollHub(sender: sender))
        let recorder = try JobRecorder(store: journal, request: request, baseURL: sandbox.openAIBaseURL)
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: sandbox.openAIBaseURL, credential: Credential(secret: token, source: "t"))
        let outcome: Result<GenerationResult, GenerationError>
        do {
            outcome = .success(try await failing.run(resolved, endpoint: endpoint, stem: "f") { recorder.record($0) })
        } catch {
            outcome = .failure(error)
        }
        guard case .failure(.storage) = outcome else {
            Issue.record("expected a storage failure, got \(outcome)")
            return
        }
        #expect(recorder.finish(outcome, localThread: { nil }) == nil && recorder.keptForResume)
        #expect((try FileManager.default.contentsOfDirectory(atPath: journal.replyFolder.path)).count == 1)

        let pilot = StudioPilot(
            state: AppState(context: .sandbox(), width: 80, height: 24), launcher: launcher(sandbox, journal: journal, directory: directory))
        pilot.start()
        try await pilot.waitUntil("the recovered job to finish") { state in state.jobs.count == 1 && state.jobs[0].phase.isFinished }
        let job = pilot.state.jobs[0]
        #expect(job.phase == .done && job.images.count == 1, "\(job.phase)")
        #expect(job.images.first?.path.hasPrefix(directory.path) == true)
        #expect(await sandbox.state.count("openai-generate") == 1, "never posted again")
        #expect(try journal.unfinishedJobs().isEmpty)
        #expect((try FileManager.default.contentsOfDirectory(atPath: journal.replyFolder.path)).isEmpty)
        await pilot.stop()
        await sandbox.stop()
    }

    @Test("an Ace Data Cloud task left by a crash is found again by its trace id and finished; one POST in all")
    func resumesAceTask() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.3, token: token))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-recovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // What a crashed Easel leaves: the job journalled with its trace id, the task posted.
        let request = GenerationRequest(provider: .aceData, model: "dall-e-3", parts: [PromptPart("a crashed ace lighthouse")], settings: [:])
        let resolved = try Catalog.bundled.resolve(request).get()
        let jobID = try journal.beginJob(request, baseURL: sandbox.aceDataBaseURL)
        let trace = RemoteTask(traceID: UUID().uuidString.lowercased())
        try journal.recordTask(jobID, trace)
        try journal.updateJob(jobID, state: .waiting)
        _ = try await RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests).send(
            AceDataWire.createImage(baseURL: sandbox.aceDataBaseURL, token: token, request: resolved,
                                    callbackURL: "https://callback.invalid/easel", traceID: trace.traceID),
            kind: .generation)
        try Self.orphan(jobID, in: journal)

        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
        let token = token
        let launcher = JobLauncher(runner: runner, clock: StudioClock(), journal: journal) { provider in
            ProviderEndpoint(provider: provider, baseURL: sandbox.aceDataBaseURL, credential: Credential(secret: token, source: "sandbox"))
        }
        let pilot = StudioPilot(state: AppState(context: .sandbox(), width: 80, height: 24), launcher: launcher)
        pilot.start()
        try await pilot.waitUntil("the recovered task to finish") { state in
            state.jobs.count == 1 && state.jobs.allSatisfy(\.phase.isFinished)
        }
        let job = try #require(pilot.state.jobs.first)
        #expect(job.phase == .done && job.images.count == 1, "\(job.phase)")
        #expect(await sandbox.state.count("acedata-generate") == 1, "the task was never posted again")
        #expect(try journal.job(jobID)?.state == .done)
        await pilot.stop()
        await sandbox.stop()
    }

    @Test("a job owned by a live process is left alone")
    func liveOwnerIsLeftAlone() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.5, token: token))
        let journal = try HistoryStore.temporary()
        let jobID = try journal.beginJob(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("mine")]), baseURL: sandbox.aiClientBaseURL)
        try journal.updateJob(jobID, state: .sending)
        #expect(try journal.orphanedJobs().isEmpty, "this process is alive, so its job is not an orphan")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-recovery-\(UUID().uuidString)")
        let pilot = StudioPilot(state: AppState(context: .sandbox(), width: 80, height: 24), launcher: launcher(sandbox, journal: journal, directory: directory))
        pilot.start()
        try await pilot.settle()
        #expect(pilot.state.jobs.isEmpty)
        #expect(try journal.job(jobID)?.state == .sending)
        await pilot.stop()
        await sandbox.stop()
    }

    /// Gives a job to a process that no longer exists.
    static func orphan(_ id: Int64, in journal: HistoryStore) throws {
        #expect(try journal.claimJob(id, from: journal.owner(ofJob: id)))
        try journal.setOwner(ofJob: id, to: "999999999:1")
    }
}
