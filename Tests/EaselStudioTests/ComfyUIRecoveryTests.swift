import EaselCore
import EaselSandbox
@testable import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Logging
import Testing

/// A ComfyUI prompt left running by a crashed Easel: the next studio finds it by the id
/// journalled before it was queued, follows it to the end and saves its images — one POST in all.
@Suite("ComfyUI recovery in the studio", .serialized)
struct ComfyUIRecoveryTests {
    @Test("a ComfyUI prompt queued before a crash is found by its journalled id and finished; one POST in all")
    func resumesComfyPrompt() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.8, token: "t"))
        let journal = try HistoryStore.temporary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-comfy-recovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // What a crashed Easel leaves: the job journalled with its id, the prompt queued under it.
        let request = GenerationRequest(provider: .comfyUI, model: "txt2img", parts: [PromptPart("a crashed lighthouse")], settings: [:])
        let jobID = try journal.beginJob(request, baseURL: sandbox.comfyUIBaseURL)
        let task = RemoteTask(traceID: UUID().uuidString.lowercased())
        try journal.recordTask(jobID, task)
        try journal.updateJob(jobID, state: .sending)
        var graph = ComfyUITextToImage.graph
        graph.set("6", "text", .string("a crashed lighthouse"))
        graph.set("4", "ckpt_name", .string("sd15-sandbox.safetensors"))
        graph.set("5", "width", .int(48))
        let queued = try await RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests).send(
            ComfyUIWire.queuePrompt(baseURL: sandbox.comfyUIBaseURL, credential: nil, graph: graph, clientID: task.traceID, promptID: task.traceID),
            kind: .generation)
        #expect(queued.status == 200)
        try RecoveryTests.orphan(jobID, in: journal)

        let sender = RequestSender(transport: AsyncHTTPTransport.sharedForStudioTests, logger: Logger(label: "test"))
        let runner = GenerationRunner(sender: sender, store: ImageStore(directory: directory), hub: ThreadPollHub(sender: sender))
        let launcher = JobLauncher(runner: runner, clock: StudioClock(), journal: journal) { provider in
            ProviderEndpoint(provider: provider, baseURL: sandbox.comfyUIBaseURL, credential: nil)
        }
        let pilot = StudioPilot(state: AppState(context: .sandbox(), width: 80, height: 24), launcher: launcher)
        pilot.start()
        try await pilot.waitUntil("the recovered prompt to finish") { state in
            state.jobs.count == 1 && state.jobs.allSatisfy(\.phase.isFinished)
        }
        let job = try #require(pilot.state.jobs.first)
        #expect(job.phase == .done && job.images.map(\.width) == [48], "\(job.phase)")
        #expect(await sandbox.state.count("comfyui-prompt") == 1, "the workflow was never queued again")
        #expect(try journal.job(jobID)?.state == .done)
        await pilot.stop()
        await sandbox.stop()
    }
}
