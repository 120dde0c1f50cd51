import EaselCore
@testable import EaselUI
import Testing

/// The composer's last line says whether Enter will send: never "ready" for a provider the
/// studio has no key for.
@Suite("Ready line")
struct ReadyLineTests {
    static func noKeyState() -> AppState {
        var context = StudioContext.sandbox(implicit: false)
        context.access[.openAI] = .missingKey(variable: "OPENAI_API_KEY")
        var state = AppState(context: context, width: 80, height: 24, provider: .openAI)
        Scenes.type(&state, "a red fox")
        return state
    }

    @Test("a provider without a key: the ready line names the variable to set, and Enter sends nothing")
    func noKey() {
        var state = Self.noKeyState()
        let text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(!text.contains("✓ ready"))
        #expect(text.contains("✗ no key: set OPENAI_API_KEY (or pick another provider)"))
        #expect(Scenes.press(&state, KeyPress(.enter)) == [])
        #expect(state.jobs.isEmpty)
    }

    @Test("with a key (or the sandbox) the same prompt is ready")
    func ready() {
        var state = Self.noKeyState()
        state.context.access[.openAI] = .configured(host: "api.openai.com")
        let text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(text.contains("✓ ready"))
        #expect(!text.contains("no key"))
    }
}
