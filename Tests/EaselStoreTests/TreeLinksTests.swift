import EaselCore
import EaselImage
@testable import EaselStore
import Foundation
import Testing

/// The tree of versions: each entry's parent and children, across threads.
struct TreeLinksTests {
    /// Records a generation in `thread` saving `path`; returns its response entry.
    func generate(_ store: HistoryStore, thread: Int64, model: String, path: String) throws -> Int64 {
        let request = GenerationRequest(provider: .openAI, model: model, parts: [PromptPart("a cat")])
        let recorder = try JobRecorder(store: store, request: request, baseURL: "http://x/v1")
        let result = GenerationResult(provider: "openai", model: model, images: [SavedImage(path: path, width: 8, height: 8, bytes: 100, format: .png)])
        #expect(recorder.finish(.success(result), localThread: { thread }) == nil)
        return try #require(try store.image(atPath: path)).entry
    }

    @Test func linksGiveParentsAndChildrenAcrossThreadsInOrder() throws {
        let folder = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try HistoryStore.open(at: folder.appendingPathComponent("history.sqlite"))
        let here = try store.localThread(provider: .openAI, model: "gpt-image-1.5")
        let there = try store.localThread(provider: .openAI, model: "dall-e-2")
        #expect(here != there)
        let root = try generate(store, thread: here, model: "gpt-image-1.5", path: "/out/root.png")
        let edit = try generate(store, thread: here, model: "gpt-image-1.5", path: "/out/edit.png")
        let variation = try generate(store, thread: there, model: "dall-e-2", path: "/out/variation.png")
        let alone = try generate(store, thread: here, model: "gpt-image-1.5", path: "/out/alone.png")
        try store.recordLineage(entry: edit, operation: .edit, parent: root, inputs: [], mask: nil)
        try store.recordLineage(entry: variation, operation: .variation, parent: root, inputs: [], mask: nil)

        let links = try store.links(ofThread: here)
        #expect(links[alone] == nil)
        #expect(links[root]?.parent == nil)
        #expect(links[root]?.children == [
            EntryReference(id: edit, thread: here, operation: .edit),
            EntryReference(id: variation, thread: there, operation: .variation),
        ])
        #expect(links[edit]?.operation == .edit)
        #expect(links[edit]?.parent?.id == root)
        #expect(links[edit]?.parent?.thread == here)
        #expect(links[edit]?.children == [])

        let elsewhere = try store.links(ofThread: there)
        #expect(elsewhere[variation]?.parent?.id == root)
        #expect(elsewhere[variation]?.parent?.thread == here)
        #expect(elsewhere[variation]?.operation == .variation)
        #expect(elsewhere.count == 1)
    }
}
