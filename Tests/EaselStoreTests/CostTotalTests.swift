import EaselCore
import Foundation
import Testing

@testable import EaselStore

/// The cost ledger: what the servers reported, summed per provider and per day in the user's zone.
@Suite struct CostTotalTests {
    @Test func totalsPerProviderAndPerLocalDay() throws {
        let store = try HistoryStore.temporary()
        // 2026-11-20 23:30 UTC is already 2026-11-21 in Tokyo (UTC+9) but not in UTC.
        let lateEvening = Date(timeIntervalSince1970: 1_795_217_400)
        let noon = lateEvening.addingTimeInterval(12.5 * 3600)
        let client = try store.upsertThread(provider: .aiClient, guid: "t1", title: "a", model: "dalle2_text2img", created: lateEvening)
        let openAI = try store.localThread(provider: .openAI, title: "b", model: "gpt-image-1")
        _ = try store.recordEntry(thread: client, guid: "q1", kind: .request, credits: 0, created: lateEvening)
        let first = try store.recordEntry(thread: client, guid: "r1", kind: .response, credits: 14, created: lateEvening)
        try store.recordImages(entry: first, images: [
            SavedImage(path: "/tmp/1.png", width: 512, height: 512, bytes: 1, format: .png),
            SavedImage(path: "/tmp/2.png", width: 512, height: 512, bytes: 1, format: .png),
        ])
        _ = try store.recordEntry(thread: client, guid: "r2", kind: .response, credits: 5, created: noon)
        _ = try store.recordEntry(thread: openAI, kind: .response, usage: .object(["total_tokens": .int(273)]), created: noon)
        _ = try store.recordEntry(thread: openAI, kind: .response, usage: .object(["total_tokens": .int(100)]), created: noon)

        let utc = try store.costTotals(days: 30, now: noon, timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.byProvider == [
            CostTotal(provider: "ai-client", day: nil, credits: 19, tokens: 0, responses: 2, images: 2),
            CostTotal(provider: "openai", day: nil, credits: 0, tokens: 373, responses: 2, images: 0),
        ])
        #expect(utc.byDay.map { "\($0.day ?? "") \($0.provider) \($0.credits)" } == [
            "2026-11-21 ai-client 5.0", "2026-11-21 openai 0.0", "2026-11-20 ai-client 14.0",
        ])
        let tokyo = try store.costTotals(days: 30, now: noon, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(tokyo.byDay.map { "\($0.day ?? "") \($0.provider) \($0.credits)" } == [
            "2026-11-21 ai-client 19.0", "2026-11-21 openai 0.0",
        ])
        // Older than the window: kept in the all-time totals, not in the days.
        let later = try store.costTotals(days: 1, now: noon.addingTimeInterval(3 * 86_400), timeZone: TimeZone(identifier: "UTC")!)
        #expect(later.byDay.isEmpty)
        #expect(later.byProvider.count == 2)
    }
}
