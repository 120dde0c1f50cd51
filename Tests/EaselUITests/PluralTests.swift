import EaselCore
import Foundation
@testable import EaselUI
import Testing

/// Counts in the studio's own text agree with their nouns.
@Suite("Plurals")
struct PluralTests {
    @Test("one thread, one match, one image are singular; other counts plural")
    func historyCounts() {
        var state = Scenes.fresh()
        Scenes.press(&state, .alt(.character("3")))
        let row = ThreadRow(id: 1, provider: .aiClient, title: "fox", model: "dalle2_text2img", updated: Date(timeIntervalSince1970: 1_790_000_000), entries: 1, images: 1, credits: 0)
        _ = Reducer.reduce(&state, .threadsLoaded([row], append: false, complete: true))
        var text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(text.contains("1 thread ·"))
        #expect(!text.contains("1 threads"))
        Scenes.press(&state, .char("/"))
        Scenes.type(&state, "fox")
        _ = Reducer.reduce(&state, .searchResults(generation: state.history.searchGeneration, [HitRow(thread: 1, entry: nil, title: "fox", snippet: "\u{1}fox\u{2}")]))
        text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(text.contains("1 match ·"))
        #expect(!text.contains("1 matches"))
        // Only the first of more matches: the count says so rather than passing for all.
        let hits = (1...3).map { HitRow(thread: Int64($0), entry: nil, title: "fox \($0)", snippet: "\u{1}fox\u{2}") }
        Scenes.type(&state, "e")
        _ = Reducer.reduce(&state, .searchResults(generation: state.history.searchGeneration, hits, complete: false))
        text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(text.contains("3+ matches ·"))
        _ = Reducer.reduce(&state, .searchResults(generation: state.history.searchGeneration, hits, complete: true))
        text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(text.contains("3 matches ·"))
    }

    @Test("a paste one character too long says 1 character was not inserted")
    func fullPrompt() {
        var state = Scenes.fresh()
        _ = Reducer.reduce(&state, .input(.paste(String(repeating: "a", count: TextEditor.defaultMaxLength + 1))))
        #expect(state.message?.text == "the prompt is full: 1 character was not inserted")
        _ = Reducer.reduce(&state, .input(.paste("bc")))
        #expect(state.message?.text == "the prompt is full: 2 characters were not inserted")
    }

    @Test("notices cut off at the bottom of the composer count one hidden line in the singular")
    func hiddenLines() {
        // A model that folds weights and drops the negative part: its notices wrap over more rows
        // than the composer has at some widths, one more at some of them.
        var texts: [String] = []
        for width in 80..<160 {
            var state = Scenes.weighted(width: width, height: 24)
            Scenes.press(&state, KeyPress(.tab), KeyPress(.tab), .char("j"), KeyPress(.left))
            texts.append(Renderer.render(state).grid.lines.joined(separator: "\n"))
        }
        #expect(!texts.contains { $0.contains("(+1 lines)") })
        #expect(texts.contains { $0.contains("(+1 line)") })
    }
}

/// Search snippets: the match markers become styles, line breaks become spaces, accents and
/// wide characters survive the cut.
@Suite("Search snippets")
struct SearchSnippetTests {
    @Test func markersStyleTheMatchAndLineBreaksBecomeSpaces() throws {
        var state = Scenes.fresh()
        Scenes.press(&state, .alt(.character("3")))
        Scenes.press(&state, .char("/"))
        Scenes.type(&state, "lait")
        // The first hit is selected (drawn in the selection's colours); the second is plain.
        _ = Reducer.reduce(&state, .searchResults(generation: state.history.searchGeneration, [
            HitRow(thread: 2, entry: nil, title: "u", snippet: "\u{1}lait\u{2}"),
            HitRow(thread: 1, entry: nil, title: "t", snippet: "caf\u{E9}\nau \u{1}lait\u{2} 漢字\nnoir"),
        ]))
        let grid = Renderer.render(state).grid
        let row = try #require(grid.lines.firstIndex { $0.contains("café au lait 漢字 noir") })
        let line = grid.lines[row]
        let styles = Array(grid.styleMap[row])
        // Up to the match every character is one column.
        let column = line.distance(from: line.startIndex, to: try #require(line.range(of: "lait")).lowerBound)
        #expect(String(styles[(column - 3)..<(column + 5)]) == "tttaaaat")
    }
}

/// A part's weight label is written by hand; it must read as `%.1f` of the rounded magnitude.
@Suite struct WeightLabelTests {
    @Test func tenthsReadAsPrintfWouldWriteThem() {
        var weights: [Double] = [0, 0.05, 0.04999, 0.15, 0.25, 0.95, 0.96, 1, 1.05, 1.25, 1.35, 2, 9.95, 9.96, 10, 123.456, 1e8, 2e9, .infinity]
        weights += stride(from: -3.0, through: 3.0, by: 0.0137).map { $0 }
        for weight in weights + weights.map({ -$0 }) {
            let part = DraftPart(text: "x", weight: weight)
            let magnitude = (abs(weight) * 10).rounded() / 10
            #expect(part.weightLabel == (weight < 0 ? "−" : "+") + String(format: "%.1f", magnitude), "\(weight)")
        }
    }
}
