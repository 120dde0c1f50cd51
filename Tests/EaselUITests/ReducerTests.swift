import EaselCore
@testable import EaselUI
import Testing

/// State + action → new state + effects, for every pane's keys.
@Suite("Reducer")
struct ReducerTests {
    // MARK: Anywhere

    @Test("Tab and Shift-Tab walk prompt → parts → settings → jobs → history and around")
    func tabCycle() {
        var state = Scenes.fresh()
        var seen: [Focus] = []
        for _ in 0..<6 {
            Scenes.press(&state, KeyPress(.tab))
            seen.append(state.focus)
        }
        #expect(seen == [.parts, .settings, .jobs, .historyList, .historyEntries, .prompt])
        Scenes.press(&state, KeyPress(.tab, [.shift]))
        #expect(state.focus == .historyEntries)
    }

    @Test("number keys switch panes outside text, but are typed inside the editor; Alt-digits work everywhere")
    func numberKeys() {
        var state = Scenes.fresh()
        Scenes.press(&state, .char("2"))
        #expect(state.focus == .prompt)
        #expect(state.compose.currentPart.editor.text == "2")
        Scenes.press(&state, .alt(.character("2")))
        #expect(state.focus == .jobs)
        Scenes.press(&state, .char("1"))
        #expect(state.focus == .prompt)
    }

    @Test("q quits outside text; inside the editor it is a letter")
    func quitKey() {
        var state = Scenes.fresh()
        #expect(Scenes.press(&state, .char("q")) == [])
        #expect(state.compose.currentPart.editor.text == "q")
        Scenes.press(&state, KeyPress(.tab))
        #expect(Scenes.press(&state, .char("q")) == [.quit])
        #expect(state.quitting)
    }

    @Test("Ctrl-C with jobs running asks first: n stays, y quits; Ctrl-C twice quits")
    func quitConfirmation() {
        var state = Scenes.jobs()
        #expect(Scenes.press(&state, .ctrl("c")) == [])
        #expect(state.confirmingQuit)
        // Other keys do nothing while asking.
        #expect(Scenes.press(&state, .char("x")) == [])
        Scenes.press(&state, .char("n"))
        #expect(!state.confirmingQuit && !state.quitting)
        Scenes.press(&state, .ctrl("c"))
        #expect(Scenes.press(&state, .ctrl("c")) == [.quit])
        var again = Scenes.jobs()
        Scenes.press(&again, .ctrl("c"))
        #expect(Scenes.press(&again, .char("y")) == [.quit])
    }

    @Test("F1 and ? open help; Esc closes it; keys scroll it and do nothing else")
    func help() {
        var state = Scenes.fresh(width: 40, height: 12)
        Scenes.press(&state, KeyPress(.function(1)))
        #expect(state.showHelp)
        Scenes.press(&state, KeyPress(.down), KeyPress(.down))
        #expect(state.helpScroll == 2)
        #expect(state.compose.currentPart.editor.text.isEmpty)
        Scenes.press(&state, KeyPress(.escape))
        #expect(!state.showHelp && state.helpScroll == 0)
        Scenes.press(&state, KeyPress(.tab), .char("?"))
        #expect(state.showHelp)
    }

    @Test("Esc clears the message line; Ctrl-Z asks to suspend")
    func escapeAndSuspend() {
        var state = Scenes.fresh()
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.message?.kind == .error)
        Scenes.press(&state, KeyPress(.escape))
        #expect(state.message == nil)
        #expect(Scenes.press(&state, .ctrl("z")) == [.suspend])
    }

    @Test("resize changes the size the layout uses")
    func resize() {
        var state = Scenes.fresh()
        _ = Reducer.reduce(&state, .input(.resize(width: 30, height: 8)))
        #expect(state.width == 30 && state.height == 8)
        #expect(StudioLayout(state).mode == .tooSmall)
    }

    // MARK: Prompt editor

    @Test("typing, newline, cursor and deletion keys edit the current part")
    func editorKeys() {
        var state = Scenes.fresh()
        Scenes.type(&state, "red fox")
        Scenes.press(&state, .alt(.enter))
        Scenes.type(&state, "snow")
        #expect(state.compose.currentPart.editor.text == "red fox\nsnow")
        Scenes.press(&state, .ctrl("w"))
        #expect(state.compose.currentPart.editor.text == "red fox\n")
        Scenes.press(&state, KeyPress(.backspace), .ctrl("a"))
        Scenes.type(&state, "a ")
        #expect(state.compose.currentPart.editor.text == "a red fox")
        Scenes.press(&state, .ctrl("e"), KeyPress(.left, [.control]))
        Scenes.type(&state, "big ")
        #expect(state.compose.currentPart.editor.text == "a red big fox")
        Scenes.press(&state, .ctrl("k"))
        #expect(state.compose.currentPart.editor.text == "a red big ")
        Scenes.press(&state, .ctrl("u"))
        #expect(state.compose.currentPart.editor.text.isEmpty)
        Scenes.type(&state, "xy")
        Scenes.press(&state, KeyPress(.left), KeyPress(.delete))
        #expect(state.compose.currentPart.editor.text == "x")
    }

    @Test("a bracketed paste goes into the editor whole, newlines included, even from another section")
    func paste() {
        var state = Scenes.fresh()
        Scenes.press(&state, KeyPress(.tab))
        _ = Reducer.reduce(&state, .input(.paste("line one\nline two 漢字")))
        #expect(state.focus == .prompt)
        #expect(state.compose.currentPart.editor.text == "line one\nline two 漢字")
        Scenes.press(&state, .alt(.character("2")))
        _ = Reducer.reduce(&state, .input(.paste("ignored")))
        #expect(state.message?.kind == .warning)
    }

    @Test("Enter and Ctrl-S submit a valid request as a new job; the composer keeps its text")
    func submit() {
        var state = Scenes.fresh()
        Scenes.type(&state, "a red fox")
        let effects = Scenes.press(&state, KeyPress(.enter))
        guard case .submit(let id, let request)? = effects.first else {
            Issue.record("expected a submit effect, got \(effects)")
            return
        }
        #expect(id == 1)
        #expect(request.model.id == "stablediffusion_text2img")
        #expect(request.request.parts == [PromptPart("a red fox")])
        #expect(state.jobs.map(\.id) == [1])
        #expect(state.jobs[0].phase == .queued)
        #expect(state.compose.currentPart.editor.text == "a red fox")
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab))
        // Later than the window in which the same request again is asked about first.
        _ = Reducer.reduce(&state, .tick(now: state.now + Reducer.resendWindow))
        guard case .submit(2, _)? = Scenes.press(&state, .ctrl("s")).first else {
            Issue.record("Ctrl-S from settings should submit job 2")
            return
        }
    }

    @Test("an invalid request sends nothing and names the first problem")
    func invalidSubmit() {
        var state = Scenes.fresh()
        Scenes.type(&state, "ok")
        Scenes.press(&state, .alt(.character("-")))  // an empty negative part
        #expect(Scenes.press(&state, KeyPress(.enter)) == [])
        #expect(state.jobs.isEmpty)
        #expect(state.message == StatusMessage("nothing was sent: part 2: is empty", kind: .error))
    }

    @Test("a provider without a key refuses to send and says which variable to set")
    func missingKey() {
        var context = StudioContext.sandbox(implicit: false)
        context.access[.openAI] = .missingKey(variable: "OPENAI_API_KEY")
        var state = AppState(context: context, width: 80, height: 24, provider: .openAI)
        Scenes.type(&state, "a red fox")
        #expect(Scenes.press(&state, KeyPress(.enter)) == [])
        #expect(state.message?.text.contains("OPENAI_API_KEY") == true)
    }

    @Test("a model retired by the configured host is refused before sending")
    func retiredModel() {
        var context = StudioContext.sandbox(implicit: false)
        context.access[.openAI] = .configured(host: "api.openai.com")
        var state = AppState(context: context, width: 80, height: 24, provider: .openAI, model: "gpt-image-1")
        Scenes.type(&state, "a red fox")
        #expect(Scenes.press(&state, KeyPress(.enter)) == [])
        #expect(state.message?.text.contains("retired") == true)
    }

    // MARK: Parts

    @Test("Alt-+ and Alt-- add parts; Alt-↑/↓ nudge strength in 0.1 steps within 0.1…10; s flips the sign")
    func weights() {
        var state = Scenes.fresh()
        Scenes.type(&state, "fox")
        Scenes.press(&state, .alt(.up), .alt(.up))
        #expect(state.compose.parts[0].weight == 1.2)
        Scenes.press(&state, .alt(.character("-")))
        #expect(state.compose.parts.count == 2 && state.compose.selectedPart == 1)
        #expect(state.compose.parts[1].weight == -1)
        Scenes.press(&state, .alt(.up))
        #expect(state.compose.parts[1].weight == -1.1, "stronger means further from zero for negatives too")
        for _ in 0..<20 { Scenes.press(&state, .alt(.down)) }
        #expect(state.compose.parts[1].weight == -0.1, "never reaches zero")
        for _ in 0..<200 { Scenes.press(&state, .alt(.up)) }
        #expect(state.compose.parts[1].weight == -10)
        Scenes.press(&state, KeyPress(.tab), .char("s"))
        #expect(state.compose.parts[1].weight == 10)
        #expect(state.compose.parts[1].weightLabel == "+10.0")
    }

    @Test("in the parts list: j/k select, +/- add, ]/[ nudge, d removes, Enter edits")
    func partsList() {
        var state = Scenes.weighted()
        Scenes.press(&state, KeyPress(.tab))
        #expect(state.focus == .parts && state.compose.selectedPart == 2)
        Scenes.press(&state, .char("k"), .char("k"), .char("k"))
        #expect(state.compose.selectedPart == 0)
        Scenes.press(&state, .char("j"), .char("["))
        #expect(state.compose.parts[1].weight == 0.6)
        Scenes.press(&state, .char("d"))
        #expect(state.compose.parts.map(\.editor.text) == ["a lighthouse on a cliff at dusk, oil painting", "blurry, 漢字 watermark"])
        #expect(state.compose.selectedPart == 1)
        Scenes.press(&state, .char("+"))
        #expect(state.focus == .prompt && state.compose.parts.count == 3 && state.compose.parts[2].weight == 1)
        Scenes.press(&state, KeyPress(.tab), .char("g"), KeyPress(.enter))
        #expect(state.focus == .prompt)
    }

    @Test("removing the last part clears it instead")
    func removeLastPart() {
        var state = Scenes.fresh()
        Scenes.type(&state, "fox")
        Scenes.press(&state, KeyPress(.tab), KeyPress(.delete))
        #expect(state.compose.parts.count == 1)
        #expect(state.compose.parts[0].editor.text.isEmpty)
    }

    // MARK: Settings

    @Test("←/→ cycle only allowed values; numbers clamp; d goes back to the default")
    func cycleSettings() throws {
        var state = Scenes.fresh()
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab))
        let rows = SettingRow.rows(for: state.compose, catalog: state.context.catalog)
        let steps = try #require(rows.firstIndex(of: .setting(.steps)))
        for _ in 0..<steps { Scenes.press(&state, .char("j")) }
        Scenes.press(&state, KeyPress(.right))
        #expect(state.compose.settings[.steps] == .integer(31))
        for _ in 0..<5 { Scenes.press(&state, KeyPress(.pageDown)) }
        #expect(state.compose.settings[.steps] == .integer(50))
        Scenes.press(&state, .char("d"))
        #expect(state.compose.settings[.steps] == nil)
        let size = try #require(rows.firstIndex(of: .setting(.size)))
        for _ in 0..<(steps - size) { Scenes.press(&state, .char("k")) }
        let allowed = try #require(state.compose.spec(.size, catalog: state.context.catalog)?.values)
        var seen: Set<String> = []
        for _ in 0..<(allowed.count * 2) {
            Scenes.press(&state, KeyPress(.right))
            seen.insert(try #require(state.compose.settings[.size]).textValue)
        }
        #expect(seen == Set(allowed))
    }

    @Test("changing provider resets the model and settings; changing model keeps what still applies")
    func providerAndModel() {
        var state = Scenes.fresh()
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab))
        Scenes.press(&state, .char("j"), .char("j"), .char("j"), KeyPress(.right))  // size
        Scenes.press(&state, .char("k"), .char("k"), KeyPress(.left))  // model → dalle2
        #expect(state.compose.model == "dalle2_text2img")
        #expect(state.compose.settings.keys.contains(.size))
        Scenes.press(&state, .char("k"), KeyPress(.right))  // provider → openai
        #expect(state.compose.provider == .openAI)
        #expect(state.compose.model == state.context.catalog.provider(.openAI)?.defaultModel)
        #expect(state.compose.settings.isEmpty)
    }

    @Test("Enter on a setting opens a field; Enter takes the typed value, Esc leaves it; problems show, nothing is lost")
    func fieldEditing() {
        var state = Scenes.fresh()
        Scenes.type(&state, "fox")
        Scenes.press(&state, KeyPress(.tab), KeyPress(.tab), .char("j"), .char("j"), .char("j"), KeyPress(.enter))
        #expect(state.compose.fieldEdit?.setting == .size)
        #expect(state.compose.fieldEdit?.editor.text == "1024x1024")
        Scenes.press(&state, .ctrl("u"))
        Scenes.type(&state, "999x999")
        Scenes.press(&state, KeyPress(.escape))
        #expect(state.compose.fieldEdit == nil && state.compose.settings[.size] == nil)
        Scenes.press(&state, KeyPress(.enter), .ctrl("u"))
        Scenes.type(&state, "999x999")
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.compose.settings[.size] == .text("999x999"))
        guard case .failure(let failure) = state.validation else {
            Issue.record("999x999 should not validate for SDXL")
            return
        }
        #expect(failure.problems.map(\.field) == ["size"])
        #expect(Scenes.press(&state, .ctrl("s")) == [])
    }

    // MARK: Progress

    @Test("j/k, PgUp/PgDn, g/G move the job selection within bounds")
    func jobSelection() {
        var state = Scenes.jobs()
        Scenes.press(&state, .alt(.character("2")))
        Scenes.press(&state, .char("k"))
        #expect(state.selectedJob == 0)
        Scenes.press(&state, .char("G"))
        #expect(state.selectedJob == 7)
        Scenes.press(&state, .char("j"))
        #expect(state.selectedJob == 7)
        Scenes.press(&state, .char("g"), KeyPress(.pageDown))
        #expect(state.selectedJob > 0)
    }

    @Test("c cancels a running job (an effect) and refuses a finished one")
    func cancel() {
        var state = Scenes.jobs()
        Scenes.press(&state, .alt(.character("2")), .char("G"))  // #1, queued
        #expect(Scenes.press(&state, .char("c")) == [.cancel(id: 1)])
        #expect(state.jobs[7].phase == .cancelled)
        Scenes.press(&state, .char("g"))  // #8, already cancelled
        #expect(Scenes.press(&state, .char("c")) == [])
    }

    @Test("C clears finished jobs and keeps the selection on the same job")
    func clearFinished() {
        var state = Scenes.jobs()
        Scenes.press(&state, .alt(.character("2")), .char("G"), .char("k"))  // #2
        Scenes.press(&state, .char("C"))
        #expect(state.jobs.map(\.id) == [4, 3, 2, 1])
        #expect(state.jobs[state.selectedJob].id == 2)
    }

    @Test("job updates move the phase; the end records images, rings the bell and sets the title unless watched")
    func jobEvents() {
        var state = Scenes.fresh()
        Scenes.type(&state, "fox")
        Scenes.press(&state, KeyPress(.enter))
        _ = Reducer.reduce(&state, .jobUpdated(1, JobUpdate(state: .waiting(pollCount: 2, nextPoll: .seconds(1)), thread: "t", entry: "e"), at: 101))
        #expect(state.jobs[0].phase == .waiting(pollCount: 2, nextPoll: 1, since: 101))
        #expect(state.jobs[0].thread == "t" && state.jobs[0].entry == "e")
        let result = GenerationResult(provider: "ai-client", model: "stablediffusion_text2img", images: [Scenes.image(1)])
        let effects = Reducer.reduce(&state, .jobFinished(1, .success(result), at: 105))
        #expect(effects == [.bell, .setTitle("easel — ✓ #1 done: 1 image")])
        #expect(state.jobs[0].phase == .done && state.jobs[0].images.count == 1)
        #expect(state.jobs[0].elapsed(now: 500) == 5)
        // Looking at the progress pane puts the title back.
        #expect(Scenes.press(&state, .alt(.character("2"))) == [.setTitle("easel")])
        // Watching a job: no bell when it ends.
        Scenes.press(&state, .alt(.character("1")))
        Scenes.press(&state, KeyPress(.enter), .alt(.character("2")))
        let failed = Reducer.reduce(&state, .jobFinished(2, .failure(.rejected(status: 422, message: "no")), at: 106))
        #expect(failed == [])
        #expect(state.jobs[0].phase == .failed("the provider refused the request (HTTP 422): no"))
    }

    @Test("the bell can be turned off; events for cancelled or unknown jobs are ignored")
    func bellOffAndStaleEvents() {
        var state = Scenes.fresh()
        state.context.bell = false
        Scenes.type(&state, "fox")
        Scenes.press(&state, KeyPress(.enter))
        let result = GenerationResult(provider: "ai-client", model: "m", images: [])
        #expect(Reducer.reduce(&state, .jobFinished(1, .success(result), at: 1)) == [.setTitle("easel — ✓ #1 done: 0 images")])
        #expect(Reducer.reduce(&state, .jobFinished(99, .success(result), at: 1)) == [])
        _ = Reducer.reduce(&state, .tick(now: state.now + Reducer.resendWindow))
        Scenes.press(&state, KeyPress(.enter), .alt(.character("2")), .char("c"))
        _ = Reducer.reduce(&state, .jobUpdated(2, JobUpdate(state: .sending), at: 2))
        #expect(state.jobs[0].phase == .cancelled)
    }

    // MARK: Mouse

    @Test("a click focuses the section and row under it; the wheel moves the selection under the pointer")
    func mouse() throws {
        var state = Scenes.weighted()
        let layout = try #require(StudioLayout(state).compose)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: layout.parts.x + 3, y: layout.parts.y))))
        #expect(state.focus == .parts && state.compose.selectedPart == 0)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: layout.settings.x + 2, y: layout.settings.y + 2))))
        #expect(state.focus == .settings && state.compose.selectedSetting == 2)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.wheelDown, x: layout.settings.x + 2, y: layout.settings.y))))
        #expect(state.compose.selectedSetting == 3)
        let progress = try #require(StudioLayout(state).panes[.progress])
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: progress.x + 5, y: progress.y + 1))))
        #expect(state.focus == .jobs)
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: layout.editor.x + 1, y: layout.editor.y))))
        #expect(state.focus == .prompt)
    }

    @Test("in the narrow layout a click on a title-bar tab switches panes")
    func narrowTabs() {
        var state = Scenes.fresh(width: 40, height: 12)
        let tab = TitleBarTabs.ranges(state)[1].1
        _ = Reducer.reduce(&state, .input(.mouse(MouseEvent(.press(button: 1), x: tab.lowerBound + 1, y: 0))))
        #expect(state.focus == .jobs)
    }
}
