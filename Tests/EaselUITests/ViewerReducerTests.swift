import EaselCore
@testable import EaselUI
import Testing

/// The image keys: opening the viewer, stepping, zoom and pan, compare, export and copy, and
/// the pictures the reducer asks the studio to make for what is on screen.
@Suite("Viewer and previews")
struct ViewerReducerTests {
    /// The jobs scene with the finished job (#5, two images) selected in the progress pane.
    static func doneJobSelected(width: Int = 80, height: Int = 24) -> AppState {
        var state = Scenes.jobs(width: width, height: height)
        Scenes.press(&state, .alt(.character("2")), .char("j"), .char("j"), .char("j"))
        #expect(state.jobs[state.selectedJob].phase == .done)
        return state
    }

    static func loads(_ effects: [Effect]) -> [PreviewKey] {
        effects.compactMap { if case .loadPreview(let key) = $0 { key } else { nil } }
    }

    @Test("Enter on a finished job opens the viewer on its images and asks for the first picture, once")
    func openAsksForPicture() throws {
        var state = Self.doneJobSelected()
        let effects = Scenes.press(&state, KeyPress(.enter))
        let viewer = try #require(state.viewer)
        #expect(viewer.images.map(\.path) == [Scenes.image(1).path, Scenes.image(2).path])
        let layout = ViewerLayout(state)
        let area = try #require(layout.pictures.first)
        #expect(Self.loads(effects) == [PreviewKey(path: Scenes.image(1).path, columns: area.width, rows: area.height)])
        #expect(state.previews[Self.loads(effects)[0]] == .loading)
        // Asked for once: what changes nothing on screen (time passing) asks for nothing more.
        #expect(Self.loads(Reducer.reduce(&state, .tick(now: 101))).isEmpty)
        // Hiding the info lines makes the picture area taller: a picture of the new size.
        let taller = Self.loads(Scenes.press(&state, .char("i")))
        #expect(taller.map(\.rows) == [area.height + 4])
    }

    @Test("a job without images says so instead of opening an empty viewer")
    func noImages() {
        var state = Scenes.jobs()
        Scenes.press(&state, .alt(.character("2")))
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.viewer == nil)
        #expect(state.message?.text == "no images here yet")
    }

    @Test("n / p and the sideways arrows step through the images, wrapping; Esc closes")
    func stepping() {
        var state = Self.doneJobSelected()
        Scenes.press(&state, KeyPress(.enter), .char("n"))
        #expect(state.viewer?.index == 1)
        Scenes.press(&state, .char("n"))
        #expect(state.viewer?.index == 0)
        Scenes.press(&state, KeyPress(.left))
        #expect(state.viewer?.index == 1)
        Scenes.press(&state, .char("p"))
        #expect(state.viewer?.index == 0)
        Scenes.press(&state, KeyPress(.escape))
        #expect(state.viewer == nil)
        #expect(state.focus == .jobs)
    }

    @Test("z shows the image 1:1; arrows pan by a quarter screen, clamped to the image")
    func zoomAndPan() throws {
        var state = Self.doneJobSelected()
        Scenes.press(&state, KeyPress(.enter), .char("z"))
        let area = try #require(ViewerLayout(state).pictures.first)
        let effects = Scenes.press(&state, KeyPress(.right))
        #expect(state.viewer?.origin == PixelPoint(x: area.width / 4, y: 0))
        #expect(Self.loads(effects) == [PreviewKey(path: Scenes.image(1).path, columns: area.width, rows: area.height,
                                                   origin: PixelPoint(x: area.width / 4, y: 0))])
        Scenes.press(&state, KeyPress(.left), KeyPress(.left), KeyPress(.up))
        #expect(state.viewer?.origin == PixelPoint(x: 0, y: 0))
        for _ in 0..<200 { Scenes.press(&state, KeyPress(.down), KeyPress(.right)) }
        // 1024×1024 image, one image pixel per half-block pixel.
        #expect(state.viewer?.origin == PixelPoint(x: 1024 - area.width, y: 1024 - area.height * 2))
        Scenes.press(&state, .char("z"))
        #expect(state.viewer?.zoom == .fit)
        #expect(state.viewer?.origin == PixelPoint(x: 0, y: 0))
    }

    @Test("c pins the image on the left and shows the next beside it; both pictures are asked for")
    func compare() throws {
        var state = Self.doneJobSelected(width: 120, height: 40)
        Scenes.press(&state, KeyPress(.enter))
        let effects = Scenes.press(&state, .char("c"))
        #expect(state.viewer?.compare == 0)
        #expect(state.viewer?.index == 1)
        let rects = ViewerLayout(state).pictures
        #expect(rects.count == 2)
        #expect(Self.loads(effects).map(\.path) == [Scenes.image(1).path, Scenes.image(2).path])
        #expect(Self.loads(effects).map(\.columns) == rects.map(\.width))
        Scenes.press(&state, .char("c"))
        #expect(state.viewer?.compare == nil)
    }

    @Test("a picture that arrives is kept; one nobody waits for any more is not")
    func arrivals() throws {
        var state = Self.doneJobSelected()
        let key = try #require(Self.loads(Scenes.press(&state, KeyPress(.enter))).first)
        let picture = CellPicture(columns: 1, rows: 1, cells: [.halfBlock(top: RGBColor(red: 1, green: 2, blue: 3), bottom: RGBColor(red: 4, green: 5, blue: 6))])
        _ = Reducer.reduce(&state, .previewLoaded(key, picture))
        #expect(state.previews[key] == .ready(picture))
        // Stepping away while the next one loads, then closing: the loading one is forgotten.
        let next = try #require(Self.loads(Scenes.press(&state, .char("n"))).first)
        Scenes.press(&state, KeyPress(.escape))
        #expect(state.previews[next] == nil)
        _ = Reducer.reduce(&state, .previewLoaded(next, picture))
        #expect(state.previews[next] == nil)
        // Coming back asks again.
        Scenes.press(&state, KeyPress(.enter))
        #expect(Self.loads(Scenes.press(&state, .char("n"))) == [next])
    }

    @Test("with pictures off nothing is asked for and the viewer says why")
    func picturesOff() throws {
        var state = Self.doneJobSelected()
        state.context.pictures = false
        #expect(Self.loads(Scenes.press(&state, KeyPress(.enter))).isEmpty)
        let text = Snapshot.text(Renderer.render(state))
        #expect(text.contains("pictures are off"))
    }

    @Test("e asks for a directory (the last one used) and Enter exports into it; Esc does not")
    func export() {
        var state = Self.doneJobSelected()
        state.context.exportDirectory = "/tmp/out"
        Scenes.press(&state, .char("e"))
        #expect(state.export?.source == Scenes.image(1).path)
        #expect(state.export?.editor.text == "/tmp/out")
        Scenes.press(&state, .ctrl("u"))
        Scenes.type(&state, "~/Pictures/easel")
        let effects = Scenes.press(&state, KeyPress(.enter))
        #expect(effects.contains(.exportImage(path: Scenes.image(1).path, directory: "~/Pictures/easel")))
        #expect(state.export == nil)
        #expect(state.context.exportDirectory == "~/Pictures/easel")
        Scenes.press(&state, .char("e"), KeyPress(.escape))
        #expect(state.export == nil)
        // Typed letters went into the field, not to the keymap (q would have quit); the first
        // replaces the directory the field opened with.
        Scenes.press(&state, .char("e"))
        Scenes.type(&state, "q")
        #expect(!state.quitting && !state.confirmingQuit)
        #expect(state.export?.editor.text == "q")
    }

    @Test("y copies the prompt, u the URL or else the path, in the pane and in the viewer")
    func copy() {
        var state = Self.doneJobSelected()
        #expect(Scenes.press(&state, .char("y")) == [.copyToClipboard("a lighthouse at dusk number 5")])
        #expect(Scenes.press(&state, .char("u")) == [.copyToClipboard(Scenes.image(1).path)])
        Scenes.press(&state, KeyPress(.enter), .char("n"))
        state.viewer?.images[1].url = "https://images.example/2.png"
        #expect(Scenes.press(&state, .char("u")) == [.copyToClipboard("https://images.example/2.png")])
        #expect(state.message?.text == "copied the image URL to the clipboard (OSC 52)")
    }

    @Test("in the history, Enter on an entry opens its response's images; r still remixes")
    func historyViewer() throws {
        var state = Scenes.history()
        Scenes.press(&state, KeyPress(.enter))
        #expect(state.focus == .historyEntries)
        Scenes.press(&state, KeyPress(.enter))
        let viewer = try #require(state.viewer)
        #expect(viewer.images.first?.path == "/home/ada/.local/share/easel/images/20261121-101500-ab12cd-1.png")
        #expect(viewer.images.first?.prompt == "a lighthouse on a cliff at dusk, golden light")
        Scenes.press(&state, KeyPress(.escape), .char("r"))
        #expect(state.focus == .prompt)
    }

    @Test("the history pane asks for the selected entry's picture when it has room")
    func historyPreview() throws {
        var state = Scenes.history(width: 120, height: 40)
        let rect = try #require(StudioLayout(state).history?.preview)
        let key = PreviewKey(path: "/home/ada/.local/share/easel/images/20261121-101500-ab12cd-1.png", columns: rect.width, rows: rect.height)
        #expect(state.previews[key] == .loading)
        // On the entries, the request stands for its response's image: the same picture.
        #expect(Self.loads(Scenes.press(&state, KeyPress(.enter))).isEmpty)
        #expect(Reducer.wantedPreviews(state) == [key])
    }
}
