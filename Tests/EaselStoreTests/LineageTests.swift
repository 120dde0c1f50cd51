import EaselCore
import EaselImage
@testable import EaselStore
import Foundation
import Testing

/// An edit's lineage through the recorder and back: inputs, mask, parent, image ids.
struct LineageTests {
    func image(_ path: String) -> SavedImage {
        SavedImage(path: path, width: 8, height: 8, bytes: 100, format: .png)
    }

    @Test func anEditRecordsItsInputsMaskAndParentAndReadsThemBack() throws {
        let folder = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try HistoryStore.open(at: folder.appendingPathComponent("history.sqlite"))
        let request = GenerationRequest(provider: .openAI, model: "gpt-image-1.5", parts: [PromptPart("a cat")])
        // The parent: an ordinary generation with one image.
        let first = try JobRecorder(store: store, request: request, baseURL: "http://x/v1")
        let thread = try store.localThread(provider: .openAI, model: "gpt-image-1.5")
        #expect(first.finish(.success(GenerationResult(provider: "openai", model: "gpt-image-1.5", images: [image("/out/cat.png")])), localThread: { thread }) == nil)
        let parentImage = try #require(try store.image(atPath: "/out/cat.png"))
        #expect(try store.image(id: parentImage.id)?.path == "/out/cat.png")
        let shown = try store.entries(ofThread: thread).flatMap(\.images)
        #expect(shown.first?.id == parentImage.id)
        // The child: an edit of that image under a mask.
        let input = InputImage(
            role: .image, path: "/out/cat.png", historyImage: parentImage.id, sha256: String(repeating: "a", count: 64), format: .png,
            width: 8, height: 8, bytes: 100, hasAlpha: false, kept: "/data/inputs/aa/aaaa.png")
        let mask = InputImage(
            role: .mask, path: "/tmp/mask.png", sha256: String(repeating: "b", count: 64), format: .png, width: 8, height: 8, bytes: 50,
            hasAlpha: true, kept: "/data/inputs/bb/bbbb.png")
        var result = GenerationResult(provider: "openai", model: "gpt-image-1.5", images: [image("/out/cat-edit.png")])
        result.operation = .edit
        result.inputs = [input]
        result.mask = mask
        result.parent = parentImage.entry
        let second = try JobRecorder(store: store, request: request, baseURL: "http://x/v1")
        #expect(second.finish(.success(result), localThread: { thread }) == nil)
        let child = try #require(try store.image(atPath: "/out/cat-edit.png"))
        let lineage = try #require(try store.lineage(ofEntry: child.entry))
        #expect(lineage.operation == .edit)
        #expect(lineage.parent == parentImage.entry)
        #expect(lineage.inputs.map(\.sha256) == [input.sha256])
        #expect(lineage.inputs.first?.historyImage == parentImage.id)
        #expect(lineage.inputs.first?.kept == "/data/inputs/aa/aaaa.png")
        #expect(lineage.inputs.first?.path == "/out/cat.png")
        #expect(lineage.mask?.sha256 == mask.sha256)
        #expect(try store.lineage(ofEntry: parentImage.entry) == nil)
    }
}
