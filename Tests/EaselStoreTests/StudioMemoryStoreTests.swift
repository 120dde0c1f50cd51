import EaselCore
@testable import EaselStore
import Foundation
import Synchronization
import Testing

/// What the studio keeps between sessions: the unsent composer, and how long finished jobs took.
@Suite("Studio memory in the store")
struct StudioMemoryStoreTests {
    @Test("the draft is kept, replaced, read back whole (weights, settings) and forgotten")
    func draftRoundTrip() throws {
        let store = try HistoryStore.temporary()
        #expect(try store.draft() == nil)
        let first = GenerationRequest(
            provider: .aiClient, model: "stablediffusion_text2img", parts: [PromptPart("a fox"), PromptPart("fog", weight: -0.7)],
            settings: [.steps: .integer(40), .size: .text("1216x832")])
        try store.saveDraft(first)
        #expect(try store.draft() == first)
        let second = GenerationRequest(provider: .openAI, model: "dall-e-3", parts: [PromptPart("a kite")])
        try store.saveDraft(second)
        #expect(try store.draft() == second)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM draft") } == 1)
        try store.saveDraft(nil)
        #expect(try store.draft() == nil)
    }

    @Test("recent durations: successful jobs only, newest first, from journalling to the end, at most the limit")
    func durations() throws {
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let store = try HistoryStore.temporary { clock.withLock { $0 } }
        func advance(_ seconds: Double) { clock.withLock { $0 = $0.addingTimeInterval(seconds) } }
        let request = GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("p")], settings: [.size: .text("512x512")])
        for (took, state) in [(12.5, JournalState.done), (3.0, .failed), (20.0, .done), (7.25, .done)] {
            let id = try store.beginJob(request, baseURL: "http://127.0.0.1:1")
            advance(took)
            try store.finishJob(id, state: state)
            advance(1)
        }
        let unfinished = try store.beginJob(request, baseURL: "http://127.0.0.1:1")
        try store.updateJob(unfinished, state: .waiting)
        let found = try store.recentDurations()
        #expect(found.map(\.seconds) == [7.25, 20, 12.5])
        #expect(found.allSatisfy { $0.provider == .aiClient && $0.model == "dalle2_text2img" && $0.request == request })
        #expect(try store.recentDurations(limit: 2).map(\.seconds) == [7.25, 20])
    }
}
