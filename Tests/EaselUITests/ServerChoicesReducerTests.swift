import EaselCore
import Foundation
@testable import EaselUI
import Testing

/// The composer and what a local server offers: `r` asks for the lists, text settings with
/// known values cycle through them, and a value the server refused brings a fresh fetch.
@Suite struct ServerChoicesReducerTests {
    static func a1111(on setting: SettingName) throws -> AppState {
        var state = AppState(context: .sandbox(), width: 80, height: 24, provider: .a1111)
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab))
        let rows = SettingRow.rows(for: state.compose, catalog: state.context.catalog)
        let index = try #require(rows.firstIndex(of: .setting(setting)))
        for _ in 0..<index { Scenes.press(&state, .char("j")) }
        return state
    }

    @Test("r in the settings asks a local server for its lists (a1111, comfyui, sdcpp); cloud providers have none")
    func refreshKey() throws {
        var state = try Self.a1111(on: .sampler)
        #expect(Scenes.press(&state, .char("r")) == [.fetchChoices(.a1111)])
        var other = Scenes.fresh()
        Scenes.press(&other, KeyPress(.tab), KeyPress(.tab))
        #expect(Scenes.press(&other, .char("r")).isEmpty)
        #expect(other.message?.text.contains("no server lists") == true)
        for provider in [ProviderID.comfyUI, .sdcpp] {
            var local = AppState(context: .sandbox(), width: 80, height: 24, provider: provider, model: provider == .comfyUI ? "txt2img" : "default")
            Scenes.press(&local, KeyPress(.tab), KeyPress(.tab))
            #expect(Scenes.press(&local, .char("r")) == [.fetchChoices(provider)], "\(provider)")
        }
        #expect(Keymap.standard.bindings.contains { $0.command == .refreshChoices && !$0.help.isEmpty }, "the help lists it")
    }

    @Test("a text setting cycles through the server's values once known, and is free text before")
    func cyclesKnownValues() throws {
        var state = try Self.a1111(on: .sampler)
        Scenes.press(&state, KeyPress(.right))
        #expect(state.compose.settings[.sampler] == nil, "nothing known yet: free text")
        _ = Reducer.reduce(&state, .choicesLoaded(.a1111, ServerChoices(values: [.sampler: ["Euler a", "DPM++ 2M", "DDIM"]]), nil))
        Scenes.press(&state, KeyPress(.right))
        #expect(state.compose.settings[.sampler] == .text("Euler a"))
        Scenes.press(&state, KeyPress(.right), KeyPress(.right), KeyPress(.right))
        #expect(state.compose.settings[.sampler] == .text("Euler a"), "wraps")
        Scenes.press(&state, KeyPress(.left))
        #expect(state.compose.settings[.sampler] == .text("DDIM"))
    }

    @Test("a job the server refused over an unknown value fetches the lists again")
    func refetchOnRefusal() throws {
        var state = try Self.a1111(on: .sampler)
        state.focus = .prompt
        Scenes.type(&state, "a fox")
        let effects = Scenes.press(&state, KeyPress(.enter))
        guard case .submit(let id, _)? = effects.first else {
            Issue.record("no submit: \(effects)")
            return
        }
        let after = Reducer.reduce(&state, .jobFinished(id, .failure(.rejected(status: 404, message: "Sampler not found")), at: 1))
        #expect(after.contains(.fetchChoices(.a1111)))
        let other = Reducer.reduce(&state, .jobFinished(id, .failure(.rejected(status: 404, message: "Sampler not found")), at: 2))
        #expect(!other.contains(.fetchChoices(.a1111)), "only once per job")
    }
}
