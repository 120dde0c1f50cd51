import EaselCore
import EaselImage
import EaselStore
import EaselStudio
import EaselUI
import Foundation
import Testing

/// The tree of versions on a real store: the lineage reaches the pane with the entries, and `p`
/// crosses into the parent's thread.
@Suite("History tree browser", .serialized)
struct TreeBrowserTests {
    /// Records a generation in `thread` saving `path`; returns its response entry.
    func generate(_ store: HistoryStore, thread: Int64, model: String, path: String) throws -> Int64 {
        let request = GenerationRequest(provider: .openAI, model: model, parts: [PromptPart("a cat on \(model)")])
        let recorder = try JobRecorder(store: store, request: request, baseURL: "http://x/v1")
        let result = GenerationResult(provider: "openai", model: model, images: [SavedImage(path: path, width: 8, height: 8, bytes: 100, format: .png)])
        #expect(recorder.finish(.success(result), localThread: { thread }) == nil)
        return try #require(try store.image(atPath: path)).entry
    }

    @Test("a variation in another thread says whose it is; p loads the parent's thread and selects it")
    func parentAcrossThreads() async throws {
        let store = try HistoryStore.temporary()
        let first = try store.localThread(provider: .openAI, title: "cats", model: "gpt-image-1.5")
        let second = try store.localThread(provider: .openAI, title: "variations", model: "dall-e-2")
        let root = try generate(store, thread: first, model: "gpt-image-1.5", path: "/out/root.png")
        let variation = try generate(store, thread: second, model: "dall-e-2", path: "/out/variation.png")
        try store.recordLineage(entry: variation, operation: .variation, parent: root, inputs: [], mask: nil)

        let pilot = StudioPilot(
            state: AppState(context: .sandbox(), width: 100, height: 30, provider: .openAI, model: "dall-e-2"),
            launcher: nil, history: HistoryLoader(store: store), width: 100, height: 30)
        pilot.start()
        pilot.press(.alt(.character("3")))
        try await pilot.waitUntil("the variations thread's entries") { state in
            state.history.entriesThread == second && state.history.entries.count == 2
        }
        #expect(pilot.lines.contains { $0.contains("↳ variation of #\(root)") })
        pilot.press(.char("l"), .char("j"), .char("p"))
        try await pilot.waitUntil("the parent selected in its own thread") { state in
            state.history.entriesThread == first && state.history.entries.indices.contains(state.history.selectedEntry)
                && state.history.entries[state.history.selectedEntry].id == root
        }
        #expect(pilot.lines.contains { $0.contains("1 version") })
        await pilot.stop()
    }
}
