import EaselCore
@testable import EaselUI
import Testing

/// The provider and model filters offer only what the history has threads of.
@Suite("History filters")
struct HistoryFilterTests {
    static let present: [ProviderID: [String]] = [.aiClient: ["dalle2_text2img", "stablediffusion_text2img"], .openAI: ["dall-e-3"]]

    static func browsing() -> AppState {
        var state = Scenes.history()
        _ = Reducer.reduce(&state, .historyModelsLoaded(present))
        return state
    }

    @Test("f cycles all → the providers with threads → all")
    func providers() {
        var state = Self.browsing()
        var seen: [ProviderID?] = []
        for _ in 0..<3 {
            Scenes.press(&state, .char("f"))
            seen.append(state.history.provider)
        }
        #expect(seen == [.aiClient, .openAI, nil])
    }

    @Test("m cycles the models with threads: of the provider filtered on, or all of them once")
    func models() {
        var state = Self.browsing()
        var seen: [String?] = []
        for _ in 0..<4 {
            Scenes.press(&state, .char("m"))
            seen.append(state.history.model)
        }
        #expect(seen == ["dalle2_text2img", "stablediffusion_text2img", "dall-e-3", nil])
        Scenes.press(&state, .char("f"), .char("f"))
        #expect(state.history.provider == .openAI)
        let effects = Scenes.press(&state, .char("m"))
        #expect(state.history.model == "dall-e-3")
        #expect(effects.first == .loadThreads(state.history.query(), append: false))
        Scenes.press(&state, .char("m"))
        #expect(state.history.model == nil)
    }

    @Test("before the history says what it has, the filters stay on all")
    func nothingLoaded() {
        var state = Scenes.history()
        state.history.modelsByProvider = [:]
        Scenes.press(&state, .char("f"), .char("m"))
        #expect(state.history.provider == nil && state.history.model == nil)
    }
}
