import EaselCore
import Foundation
import Testing

@testable import EaselStore

@Suite struct ExportTests {
    @Test func everyThreadIsOneJSONLineWithEntriesAndImages() throws {
        let store = try HistoryStore.temporary(now: StepClock().now)
        let server = try store.upsertThread(
            provider: .aiClient, guid: "g", title: "server", model: "sd_text2img", created: Date(timeIntervalSince1970: 1_686_498_772))
        let request = try store.recordEntry(thread: server, guid: "r", kind: .request, request: Fixtures.request())
        let response = try store.recordEntry(thread: server, guid: "s", kind: .response, rawJSON: "{ \"a\" :1 }", credits: 10)
        try store.recordImages(
            entry: response, images: [SavedImage(path: "/data/a.png", url: "https://x/a.png", width: 2, height: 3, bytes: 4, format: .png)])
        _ = try store.localThread(provider: .openAI, title: "line\nbreak", model: "dall-e-3")

        var lines: [String] = []
        let count = try store.exportJSONL { lines.append($0) }
        #expect(count == 2)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { !$0.contains("\n") })

        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["guid"] as? String == "g")
        #expect(first["entry_count"] as? Int == 2)
        let entries = try #require(first["entries"] as? [[String: Any]])
        #expect(entries.map { $0["id"] as? Int } == [Int(request), Int(response)])
        #expect(entries[1]["raw_json"] as? String == "{ \"a\" :1 }")
        let settings = try #require((entries[0]["request"] as? [String: Any])?["settings"] as? [String: Any])
        #expect(settings["steps"] as? Int == 30)
        let images = try #require(entries[1]["images"] as? [[String: Any]])
        #expect(images.first?["path"] as? String == "/data/a.png")

        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["title"] as? String == "line\nbreak")
        #expect(second["guid"] == nil || second["guid"] is NSNull)
    }

    @Test func aFailingDestinationIsAStoreError() throws {
        struct Refused: Error {}
        let store = try HistoryStore.temporary()
        _ = try store.localThread(provider: .openAI, model: "dall-e-3")
        #expect(throws: StoreError.self) { try store.exportJSONL { _ in throw Refused() } }
    }

    @Test func requestsWithInfiniteWeightsSurvive() throws {
        let store = try HistoryStore.temporary()
        let thread = try store.localThread(provider: .openAI, model: "dall-e-3")
        let request = GenerationRequest(provider: .openAI, model: "dall-e-3", parts: [PromptPart("never", weight: -.infinity)])
        _ = try store.recordEntry(thread: thread, kind: .request, request: request)
        #expect(try store.entries(ofThread: thread).first?.request == request)
        #expect(try store.exportJSONL { _ in } == 1)
    }
}
