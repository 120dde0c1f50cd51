import EaselCore
@testable import EaselUI
import Foundation
import Testing

/// A pane that follows its selection keeps its last picture (or its "no preview" line) on
/// screen for a moment while the next one is made, so a step usually draws once.
@Suite("Pictures stand in while the next is made")
struct PictureStandInTests {
    static let day = Date(timeIntervalSince1970: 1_790_000_000)

    static func entries(_ id: Int64, picture path: String?) -> [EntryRow] {
        let request = GenerationRequest(provider: .aiClient, model: "stablediffusion_text2img", parts: [PromptPart("thread \(id)")])
        return [
            EntryRow(id: id * 10, isRequest: true, created: day, request: request, waiting: false, error: nil, credits: nil,
                     revisedPrompt: nil, images: []),
            EntryRow(id: id * 10 + 1, isRequest: false, created: day, request: nil, waiting: false, error: nil, credits: nil,
                     revisedPrompt: nil,
                     images: path.map { [ImageRow(path: $0, url: nil, width: 512, height: 512, bytes: 1000)] } ?? []),
        ]
    }

    static func text(_ state: AppState) -> String {
        Renderer.render(state).grid.lines.joined(separator: "\n")
    }

    static func historyKey(_ state: AppState) -> PreviewKey? {
        Reducer.spotPreviews(state)[.history]
    }

    /// The history at 120×30 on thread 3, whose picture could not be had, at clock time 100.
    static func failedFirst() -> AppState {
        var state = Scenes.history(width: 120, height: 30)
        _ = Reducer.reduce(&state, .tick(now: 100))
        guard let key = historyKey(state) else {
            Issue.record("the history pane shows no picture at 120×30")
            return state
        }
        _ = Reducer.reduce(&state, .previewFailed(key, "host down"))
        return state
    }

    /// Steps to the next thread (`j`) at `now`, and gives it its entries with a picture at `path`.
    static func step(_ state: inout AppState, at now: Double, thread: Int64, picture path: String?) {
        _ = Reducer.reduce(&state, .tick(now: now))
        Scenes.press(&state, .char("j"))
        _ = Reducer.reduce(&state, .entriesLoaded(thread: thread, entries(thread, picture: path)))
    }

    @Test("the last picture's line stays while the next is made, then the pane says it is loading")
    func standInThenLoading() throws {
        var state = Self.failedFirst()
        #expect(Self.text(state).contains("no preview: host down"))
        Self.step(&state, at: 100, thread: 2, picture: "/pictures/fox.png")
        let next = try #require(Self.historyKey(state))
        #expect(next.path == "/pictures/fox.png")
        #expect(state.previews[next] == .loading)
        let waiting = Self.text(state)
        #expect(!waiting.contains("loading preview…"))
        #expect(waiting.contains("no preview: host down"))
        #expect(state.pictureStandIns.nextDeadline(after: 100) == 100 + PictureStandIns.window)

        _ = Reducer.reduce(&state, .tick(now: 100 + PictureStandIns.window + 0.01))
        let late = Self.text(state)
        #expect(late.contains("loading preview…"))
        #expect(!late.contains("host down"))
        #expect(state.pictureStandIns.nextDeadline(after: state.now) == nil)

        _ = Reducer.reduce(&state, .previewFailed(next, "fox gone"))
        #expect(Self.text(state).contains("no preview: fox gone"))
    }

    @Test("the new picture replaces the stand-in as soon as it is made")
    func readyReplaces() throws {
        var state = Self.failedFirst()
        Self.step(&state, at: 100, thread: 2, picture: "/pictures/fox.png")
        let next = try #require(Self.historyKey(state))
        _ = Reducer.reduce(&state, .previewLoaded(next, ViewerSnapshotTests.picture(columns: 4, rows: 2)))
        let shown = Self.text(state)
        #expect(shown.contains("▀▀▀▀"))
        #expect(!shown.contains("host down") && !shown.contains("loading preview…"))
        #expect(state.pictureStandIns.until.isEmpty)
    }

    @Test("holding a key down shows the old picture only for the window after the first step")
    func windowCountsFromTheFirstStep() {
        var state = Self.failedFirst()
        Self.step(&state, at: 100, thread: 2, picture: "/pictures/fox.png")
        Self.step(&state, at: 100 + PictureStandIns.window * 0.75, thread: 1, picture: "/pictures/owl.png")
        #expect(Self.text(state).contains("host down"), "still inside the window")
        _ = Reducer.reduce(&state, .tick(now: 100 + PictureStandIns.window * 1.1))
        #expect(Self.text(state).contains("loading preview…"))
        // Back up a thread: its picture is still being made, and nothing stands in any more.
        _ = Reducer.reduce(&state, .tick(now: 100 + PictureStandIns.window * 1.2))
        Scenes.press(&state, .char("k"))
        #expect(!Self.text(state).contains("host down"))
    }

    @Test("a thread with no picture shows no stand-in, and the next picture after it none either")
    func noPictureClearsTheStandIn() {
        var state = Self.failedFirst()
        Self.step(&state, at: 100, thread: 2, picture: nil)
        #expect(!Self.text(state).contains("host down"))
        #expect(state.pictureStandIns.shown[.history] == nil)
        Self.step(&state, at: 100.05, thread: 1, picture: "/pictures/owl.png")
        let text = Self.text(state)
        #expect(text.contains("loading preview…"))
        #expect(!text.contains("host down"))
    }
}
