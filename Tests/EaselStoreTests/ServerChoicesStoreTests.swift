import EaselCore
import EaselStore
import Foundation
import Testing

/// The history's copy of what each server offers (migration v9): kept per provider and base
/// URL, replaced whole, and read back made safe.
@Suite struct ServerChoicesStoreTests {
    @Test("choices round-trip per provider and base URL; a new fetch replaces the old")
    func roundTrip() throws {
        let store = try HistoryStore.temporary()
        #expect(try store.choices(provider: .a1111, baseURL: "http://a:7860") == nil)
        let fetched = Date(timeIntervalSince1970: 1_800_000_000)
        let first = ServerChoices(values: [.sampler: ["Euler a", "DDIM"], .checkpoint: ["x.safetensors [1]"]], fetchedAt: fetched)
        try store.saveChoices(first, provider: .a1111, baseURL: "http://a:7860")
        try store.saveChoices(ServerChoices(values: [.sampler: ["Other"]]), provider: .a1111, baseURL: "http://b:7860")
        #expect(try store.choices(provider: .a1111, baseURL: "http://a:7860") == first)
        #expect(try store.choices(provider: .comfyUI, baseURL: "http://a:7860") == nil)
        let second = ServerChoices(values: [.scheduler: ["karras"]], fetchedAt: fetched.addingTimeInterval(60))
        try store.saveChoices(second, provider: .a1111, baseURL: "http://a:7860")
        #expect(try store.choices(provider: .a1111, baseURL: "http://a:7860") == second, "no stale sampler list left")
        #expect(try store.choices(provider: .a1111, baseURL: "http://b:7860")?[.sampler] == ["Other"])
    }
}
