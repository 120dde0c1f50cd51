import EaselCore
import Testing

@testable import EaselUI

/// An editor from text with `|` marking the cursor. The marker is found among scalars, not
/// graphemes, so it can sit right before a combining mark.
private func editor(_ marked: String, maxLength: Int = TextEditor.defaultMaxLength) -> TextEditor {
    let scalars = marked.unicodeScalars
    guard let bar = scalars.firstIndex(of: "|") else { return TextEditor(text: marked, maxLength: maxLength) }
    let before = String(scalars[..<bar])
    let after = String(scalars[scalars.index(after: bar)...])
    var result = TextEditor(text: before + after, maxLength: maxLength)
    result.cursor = Array(before).count
    return result
}

/// The editor's text with `|` where the cursor is, the inverse of `editor(_:)`.
private func marked(_ editor: TextEditor) -> String {
    String(editor.characters[..<editor.cursor]) + "|" + String(editor.characters[editor.cursor...])
}

/// Row texts of the layout, which is what a reader of the pane sees.
private func rows(_ text: String, width: Int) -> [String] {
    let subject = TextEditor(text: text)
    return subject.layout(width: width).map { subject.text(of: $0) }
}

/// Cursor position as an array so failures print both numbers.
private func position(_ marked: String, width: Int) -> [Int] {
    let place = editor(marked).cursorPosition(width: width)
    return [place.row, place.column]
}

/// One editing or moving step, for table-driven tests.
private typealias Step = @Sendable (inout TextEditor) -> Void

/// Runs `step` on each `before` and checks the marked result.
private func check(_ cases: [(String, String)], _ step: Step, sourceLocation: SourceLocation = #_sourceLocation) {
    for (before, after) in cases {
        var subject = editor(before)
        step(&subject)
        #expect(marked(subject) == after, "from \(before.debugDescription)", sourceLocation: sourceLocation)
        #expect(
            Array(subject.text).count == subject.count, "stored graphemes match String's",
            sourceLocation: sourceLocation)
    }
}

/// What gets into the prompt, and how much of it.
@Suite("Text editor: inserting")
struct TextEditorInsertTests {
    @Test func insertTable() {
        let cases: [(name: String, start: String, typed: String, result: String, count: Int)] = [
            ("ASCII into empty", "|", "abc", "abc|", 3),
            ("into the middle", "ab|cd", "XY", "abXY|cd", 6),
            ("CJK", "|", "漢字", "漢字|", 2),
            ("emoji ZWJ family is one grapheme", "a|", "👩‍👩‍👧", "a👩‍👩‍👧|", 2),
            ("decomposed é is one grapheme", "|", "e\u{301}", "e\u{301}|", 1),
            ("lone combining mark joins the letter before", "e|x", "\u{301}", "e\u{301}|x", 2),
            ("CRLF and CR become LF", "|", "a\r\nb\rc\n", "a\nb\nc\n|", 6),
            ("tab becomes a space", "|", "a\tb", "a b|", 3),
            ("line and paragraph separators become LF", "|", "a\u{2028}b\u{2029}", "a\nb\n|", 4),
            ("C0, DEL and C1 dropped", "|", "a\u{1B}[31mb\u{7}\u{0}\u{7F}\u{85}\u{9B}c", "a[31mbc|", 7),
            (
                "bidi and invisible format controls dropped", "|",
                "x\u{202A}\u{202E}y\u{2066}\u{2069}z\u{200B}\u{200E}\u{200F}w\u{61C}", "xyzw|", 4
            ),
            ("a joiner not between letters or emoji is dropped", "|", "a\u{200D} \u{200C}b\u{200D}", "a b|", 3),
            ("ZWNJ inside a Persian word kept", "|", "می\u{200C}خواهم", "می\u{200C}خواهم|", 7),
            ("only controls inserts nothing", "ab|", "\u{1B}\u{7}", "ab|", 2),
        ]
        for item in cases {
            var subject = editor(item.start)
            let dropped = subject.insert(item.typed)
            #expect(marked(subject) == item.result, "\(item.name)")
            #expect(subject.count == item.count, "\(item.name)")
            #expect(dropped == 0, "\(item.name)")
            #expect(!subject.text.unicodeScalars.contains { $0.value < 0x0A || (0x0B...0x1F).contains($0.value) })
        }
    }

    @Test func familyEmojiKeepsItsJoinersAndWidth() {
        var subject = TextEditor()
        subject.insert("👩‍👩‍👧")
        #expect(subject.text.unicodeScalars.map(\.value) == [0x1F469, 0x200D, 0x1F469, 0x200D, 0x1F467])
        #expect(subject.cursorPosition(width: 10).column == 2)
    }

    @Test func tenThousandCharacterPasteWithCRLF() {
        let line = "abcdefghi\r\n"  // nine letters and one CRLF grapheme: ten graphemes
        let paste = String(repeating: line, count: 1000)
        #expect(paste.count == 10_000)
        var subject = editor("X|Y")
        let dropped = subject.insert(paste)
        #expect(dropped == 0)
        #expect(subject.count == 10_002)
        #expect(subject.cursor == 10_001)
        #expect(!subject.text.contains("\r"))
        #expect(subject.text.split(separator: "\n", omittingEmptySubsequences: false).count == 1001)
        #expect(subject.text.hasPrefix("Xabcdefghi\nabc"))
        #expect(subject.text.hasSuffix("abcdefghi\nY"))
        #expect(subject.layout(width: 80).count == 1001)
    }

    @Test func maxLengthCutsAndCountsWhatWasDropped() {
        var subject = TextEditor(maxLength: 5)
        #expect(subject.insert("abcdefg") == 2)
        #expect(marked(subject) == "abcde|")
        #expect(subject.insert("xyz") == 3)
        #expect(subject.text == "abcde")

        var middle = editor("ab|cd", maxLength: 6)
        #expect(middle.insert("漢字👩‍👩‍👧") == 1)
        #expect(marked(middle) == "ab漢字|cd")

        // Filtered characters are not "dropped": they were never going to be inserted.
        var filtered = editor("abc|", maxLength: 5)
        #expect(filtered.insert("\u{1B}\u{7}xyz") == 1)
        #expect(filtered.text == "abcxy")

        #expect(TextEditor(text: "abcdefgh", maxLength: 3).text == "abc")
        #expect(TextEditor(text: "abc", maxLength: -1).text == "")
        #expect(TextEditor(text: String(repeating: "x", count: 25_000)).count == 20_000)
    }

    @Test func settingTextFiltersAndPutsCursorAtEnd() {
        var subject = editor("ab|c")
        subject.text = "one\r\ntwo\u{202E}"
        #expect(marked(subject) == "one\ntwo|")
        #expect(subject.maxLength == TextEditor.defaultMaxLength)
        #expect(!subject.isEmpty)
        subject.clear()
        #expect(subject.isEmpty)
        #expect(marked(subject) == "|")
    }

    @Test func cursorIsClampedAndNewlineSplits() {
        var subject = TextEditor(text: "abc")
        subject.cursor = 99
        #expect(subject.cursor == 3)
        subject.cursor = -4
        #expect(subject.cursor == 0)
        subject.cursor = 1
        subject.insertNewline()
        #expect(marked(subject) == "a\n|bc")
    }
}

/// Each deletion at the edges of the text and across line boundaries.
@Suite("Text editor: deleting")
struct TextEditorDeleteTests {
    @Test func deleteBackward() {
        check(
            [
                ("|abc", "|abc"),
                ("ab|c", "a|c"),
                ("abc|", "ab|"),
                ("ab\n|cd", "ab|cd"),
                ("漢字|", "漢|"),
                ("a👩‍👩‍👧|b", "a|b"),
                ("e\u{301}|", "|"),
                // Deleting the newline brings a stranded mark next to a letter: they become one.
                ("e\n|\u{301}x", "e\u{301}|x"),
            ], { $0.deleteBackward() })
    }

    @Test func deleteForward() {
        check(
            [
                ("abc|", "abc|"),
                ("|abc", "|bc"),
                ("a|bc", "a|c"),
                ("ab|\ncd", "ab|cd"),
                ("|漢字", "|字"),
            ], { $0.deleteForward() })
    }

    @Test func deleteWordBackward() {
        check(
            [
                ("|abc", "|abc"),
                ("foo bar|", "foo |"),
                ("foo bar  |", "foo |"),
                ("foo.bar-baz|", "|"),
                ("one two| three", "one | three"),
                ("one tw|o", "one |o"),
                ("ab\n|cd", "ab|cd"),
                ("ab\n  |cd", "ab\n|cd"),
                ("   |", "|"),
                ("漢字 かな|", "漢字 |"),
            ], { $0.deleteWordBackward() })
    }

    @Test func deleteToLineStart() {
        check(
            [
                ("|ab", "|ab"),
                ("abc|", "|"),
                ("ab\ncd|ef", "ab\n|ef"),
                ("ab\n|cd", "ab|cd"),
                ("ab\ncd\n|", "ab\ncd|"),
            ], { $0.deleteToLineStart() })
    }

    @Test func deleteToLineEnd() {
        check(
            [
                ("abc|", "abc|"),
                ("|abc", "|"),
                ("ab|cd\nef", "ab|\nef"),
                ("ab|\ncd", "ab|cd"),
                ("|\n\n", "|\n"),
            ], { $0.deleteToLineEnd() })
    }
}

/// Character and word moves, including across punctuation and blank runs.
@Suite("Text editor: horizontal moves")
struct TextEditorHorizontalMoveTests {
    @Test func characterMoves() {
        check([("|ab", "|ab"), ("a|b", "|ab"), ("漢|字", "|漢字")], { $0.moveLeft() })
        check([("ab|", "ab|"), ("a|b", "ab|"), ("|👩‍👩‍👧x", "👩‍👩‍👧|x")], { $0.moveRight() })
        check([("ab\nc|d", "|ab\ncd")], { $0.moveToStart() })
        check([("a|b\ncd", "ab\ncd|")], { $0.moveToEnd() })
    }

    @Test func wordRight() {
        check(
            [
                ("|foo.bar", "foo|.bar"),
                ("foo|.bar", "foo.bar|"),
                ("|  foo   bar", "  foo|   bar"),
                ("foo|   bar", "foo   bar|"),
                ("|snake_case x", "snake_case| x"),
                ("|he\u{301}llo wörld", "he\u{301}llo| wörld"),
                ("|漢字 かな", "漢字| かな"),
                ("|v2.0", "v2|.0"),
                ("abc|", "abc|"),
                ("a|\n\nb", "a\n\nb|"),
                ("x| ... !!", "x ... !!|"),
            ], { $0.moveWordRight() })
    }

    @Test func wordLeft() {
        check(
            [
                ("foo.bar|", "foo.|bar"),
                ("foo.|bar", "|foo.bar"),
                ("foo   bar  |", "foo   |bar  "),
                ("foo   |bar", "|foo   bar"),
                ("|abc", "|abc"),
                ("a\n|b", "|a\nb"),
                ("(x, y)|", "(x, |y)"),
                ("a_b-c|", "a_b-|c"),
            ], { $0.moveWordLeft() })
    }
}

/// Wrapping rules at narrow and ordinary widths.
@Suite("Text editor: layout")
struct TextEditorLayoutTests {
    @Test func wrapTable() {
        let cases: [(text: String, width: Int, rows: [String])] = [
            ("", 10, [""]),
            ("abc\n", 10, ["abc", ""]),
            ("\n\n", 10, ["", "", ""]),
            ("hello world", 40, ["hello world"]),
            ("hello world", 10, ["hello ", "world"]),
            ("hello world", 6, ["hello ", "world"]),
            // The space hangs past the edge, and the full last row is followed by a cursor row.
            ("hello world", 5, ["hello ", "world", ""]),
            ("hi world", 5, ["hi ", "world", ""]),
            ("one two three four", 10, ["one two ", "three four", ""]),
            ("abcdefghijkl", 5, ["abcde", "fghij", "kl"]),
            // A word longer than the width is cut where it stands rather than moved down first.
            ("hi abcdefghijkl", 5, ["hi ab", "cdefg", "hijkl", ""]),
            ("a  ", 2, ["a ", " "]),
            ("a    b", 3, ["a    ", "b"]),
            ("漢字かな", 5, ["漢字", "かな"]),
            ("ab漢字", 3, ["ab", "漢", "字"]),
            ("a漢", 2, ["a", "漢", ""]),
            ("漢字", 2, ["漢", "字", ""]),
            ("ab cd", 2, ["ab ", "cd", ""]),
            ("漢 字", 2, ["漢 ", "字", ""]),
            ("👩‍👩‍👧👩‍👩‍👧", 3, ["👩‍👩‍👧", "👩‍👩‍👧"]),
            ("ab c\u{A0}d", 4, ["ab ", "c\u{A0}d"]),
            ("ab", 1, ["a", "b", ""]),
            ("a b", 1, ["a ", "b", ""]),
            ("漢字", 1, ["漢", "字", ""]),
            ("a漢b", 1, ["a", "漢", "b", ""]),
            ("ab", 0, ["a", "b", ""]),
            ("ab", -3, ["a", "b", ""]),
            ("ab\ncd", 40, ["ab", "cd"]),
            ("abcde\nf", 5, ["abcde", "", "f"]),
            ("the quick brown fox jumps", 10, ["the quick ", "brown fox ", "jumps"]),
            ("the quick brown fox jumps", 40, ["the quick brown fox jumps"]),
        ]
        for item in cases {
            #expect(rows(item.text, width: item.width) == item.rows, "\(item.text.debugDescription) at \(item.width)")
        }
    }

    @Test func rowsKnowTheirRangesWidthsAndWraps() {
        let lines = TextEditor(text: "hi 漢字\nx").layout(width: 5)
        #expect(lines.map(\.range) == [0..<3, 3..<5, 6..<7])
        #expect(lines.map(\.width) == [3, 4, 1])
        #expect(lines.map(\.continuesOnNextLine) == [true, false, false])

        let hanging = TextEditor(text: "hello  world").layout(width: 5)
        #expect(hanging.map(\.range) == [0..<7, 7..<12, 12..<12])
        #expect(hanging.map(\.width) == [7, 5, 0])
        #expect(hanging.map(\.continuesOnNextLine) == [true, true, false])
    }

    /// Whatever the text and width: rows cover every grapheme once and in order, and a row is
    /// wider than the width only through hanging spaces or a lone over-wide grapheme.
    @Test(arguments: [1, 2, 5, 10, 40])
    func layoutInvariants(width: Int) {
        let text =
            "Lorem ipsum 漢字かな dolor  sit 👩‍👩‍👧 amet, e\u{301}léphant\n\n"
            + "supercalifragilisticexpialidocious 한국어 text  \nend "
        let subject = TextEditor(text: String(repeating: text, count: 3))
        let lines = subject.layout(width: width)
        var expected = 0
        for (number, line) in lines.enumerated() {
            if line.range.lowerBound != expected {
                #expect(subject.characters[expected] == "\n", "row \(number) skips only a newline")
                expected += 1
            }
            #expect(line.range.lowerBound == expected, "row \(number) starts where the last ended")
            expected = line.range.upperBound
            let columns = line.range.reduce(0) { $0 + CharacterWidth.of(subject.characters[$1]) }
            #expect(columns == line.width)
            var visible = line.range.upperBound
            while visible > line.range.lowerBound, subject.characters[visible - 1] == " " { visible -= 1 }
            let visibleWidth = (line.range.lowerBound..<visible).reduce(0) {
                $0 + CharacterWidth.of(subject.characters[$1])
            }
            let lone = visible - line.range.lowerBound == 1
            #expect(visibleWidth <= width || lone, "row \(number) is \(visibleWidth) wide")
        }
        #expect(expected == subject.count)
    }

    @Test func twentyThousandGraphemesLayOutLinearly() {
        let words = String(repeating: "prompt 漢字 words, ", count: 1500)
        var subject = TextEditor()
        #expect(subject.insert(words) == words.count - 20_000)
        #expect(subject.count == 20_000)
        let lines = subject.layout(width: 40)
        #expect(lines.count > 500)
        #expect(lines.last?.range.upperBound == 20_000)
        #expect(subject.cursorPosition(in: lines, width: 40).row == lines.count - 1)
    }
}

/// Where the cursor is drawn and which rows are shown.
@Suite("Text editor: cursor position and scrolling")
struct TextEditorCursorTests {
    @Test func cursorPositionTable() {
        let cases: [(marked: String, width: Int, place: [Int])] = [
            ("|", 10, [0, 0]),
            ("abcde|", 10, [0, 5]),
            ("hell|o", 5, [0, 4]),
            // After a logical line that fills its row: the empty row below.
            ("hello|", 5, [1, 0]),
            ("hello|\nx", 5, [1, 0]),
            ("hello\n|x", 5, [2, 0]),
            // At a wrap, the cursor shows where the grapheme it precedes is drawn.
            ("hi |world", 5, [1, 0]),
            ("hi| world", 5, [0, 2]),
            ("abcde|fg", 5, [1, 0]),
            // Inside spaces hanging past the edge the column is pinned to the last one.
            ("hello| world", 5, [0, 4]),
            ("hello |world", 5, [1, 0]),
            ("ab|\ncd", 10, [0, 2]),
            ("ab\n|cd", 10, [1, 0]),
            ("ab\n|", 10, [1, 0]),
            ("漢|字", 3, [1, 0]),
            ("漢字|", 3, [1, 2]),
            ("a漢|字", 10, [0, 3]),
            ("👩‍👩‍👧|", 10, [0, 2]),
            ("ab|", 1, [2, 0]),
            ("a|b", 1, [1, 0]),
            ("漢|字", 1, [1, 0]),
        ]
        for item in cases {
            #expect(
                position(item.marked, width: item.width) == item.place,
                "\(item.marked.debugDescription) at \(item.width)")
        }
    }

    @Test func scrollKeepsCursorVisibleWithLeastMovement() {
        let tenRows = (0..<10).map(String.init).joined(separator: "\n")
        var subject = TextEditor(text: tenRows)
        #expect(subject.firstVisibleRow(width: 10, height: 3, previous: 0) == 7)
        subject.cursor = 10  // row 5
        #expect(subject.cursorPosition(width: 10).row == 5)
        #expect(subject.firstVisibleRow(width: 10, height: 3, previous: 4) == 4)
        #expect(subject.firstVisibleRow(width: 10, height: 3, previous: 3) == 3)
        #expect(subject.firstVisibleRow(width: 10, height: 3, previous: 2) == 3)
        #expect(subject.firstVisibleRow(width: 10, height: 3, previous: 0) == 3)
        #expect(subject.firstVisibleRow(width: 10, height: 3, previous: 6) == 5)
        #expect(subject.firstVisibleRow(width: 10, height: 3, previous: 9) == 5)
        #expect(subject.firstVisibleRow(width: 10, height: 0, previous: 0) == 5)
        #expect(subject.firstVisibleRow(width: 10, height: 20, previous: 4) == 0)

        // Text that shrank below the old offset: show it all again.
        let short = editor("a\nb|")
        #expect(short.firstVisibleRow(width: 10, height: 3, previous: 5) == 0)
        #expect(short.firstVisibleRow(width: 10, height: 3, previous: -2) == 0)

        // Wrapped rows count as rows.
        let wrapped = editor("|abcdefghij")
        #expect(wrapped.firstVisibleRow(width: 2, height: 2, previous: 4) == 0)
        var atEnd = wrapped
        atEnd.moveToEnd()
        #expect(atEnd.firstVisibleRow(width: 2, height: 2, previous: 0) == 4)
    }
}

/// Moves that depend on the layout: Up/Down with a goal column, Home and End.
@Suite("Text editor: vertical moves and Home/End")
struct TextEditorVerticalMoveTests {
    @Test func goalColumnSurvivesShortLines() {
        var subject = editor("abcde|f\nab\nabcdef")
        subject.moveDown(width: 20)
        #expect(marked(subject) == "abcdef\nab|\nabcdef")
        subject.moveDown(width: 20)
        #expect(marked(subject) == "abcdef\nab\nabcde|f")
        subject.moveUp(width: 20)
        #expect(marked(subject) == "abcdef\nab|\nabcdef")
        subject.moveUp(width: 20)
        #expect(marked(subject) == "abcde|f\nab\nabcdef")
    }

    @Test func horizontalMoveResetsGoal() {
        var subject = editor("abcde|f\nab\nabcdef")
        subject.moveDown(width: 20)
        subject.moveLeft()
        subject.moveDown(width: 20)
        #expect(marked(subject) == "abcdef\nab\na|bcdef")
    }

    @Test func wideCharactersAndGoalColumns() {
        check([("abc|d\n漢字漢", "abcd\n漢|字漢")], { $0.moveDown(width: 20) })
        check([("漢字|漢\nabcdef", "漢字漢\nabcd|ef")], { $0.moveDown(width: 20) })
        check([("漢字漢\nab|cdef", "漢|字漢\nabcdef")], { $0.moveUp(width: 20) })
        check([("漢字漢\nabc|def", "漢|字漢\nabcdef")], { $0.moveUp(width: 20) })
        check([("漢\nabcd|ef", "漢|\nabcdef")], { $0.moveUp(width: 20) })

        // Through a wide row and back: the goal column 3 comes back exactly.
        var subject = editor("abc|d\n漢字漢\nabcd")
        subject.moveDown(width: 20)
        subject.moveDown(width: 20)
        #expect(marked(subject) == "abcd\n漢字漢\nabc|d")
        subject.moveUp(width: 20)
        subject.moveUp(width: 20)
        #expect(marked(subject) == "abc|d\n漢字漢\nabcd")
    }

    @Test func edgesGoToStartAndEnd() {
        check([("ab|c\ndef", "|abc\ndef"), ("|", "|")], { $0.moveUp(width: 20) })
        check([("abc\nd|ef", "abc\ndef|"), ("|", "|")], { $0.moveDown(width: 20) })
    }

    @Test func movesFollowWrappedRows() {
        check([("hel|lo world", "hello wor|ld")], { $0.moveDown(width: 6) })
        check([("hello wor|ld", "hel|lo world")], { $0.moveUp(width: 6) })
        // Landing past a soft-wrapped row's end stops before its space, still on that row.
        check([("ab cdef|gh", "ab| cdefgh")], { $0.moveUp(width: 6) })
        // From the empty row after a full line, Up goes to the row it follows.
        check([("hello|", "|hello")], { $0.moveUp(width: 5) })
        check([("hel|lo", "hello|")], { $0.moveDown(width: 5) })
        // Width 1 with wide characters: one row per grapheme.
        check([("漢|字", "漢字|"), ("|漢字", "漢|字")], { $0.moveDown(width: 1) })
    }

    @Test func homeAndEndPreferTheVisualRow() {
        var subject = editor("hello wor|ld")
        subject.moveToLineStart(width: 6)
        #expect(marked(subject) == "hello |world")
        subject.moveToLineStart(width: 6)
        #expect(marked(subject) == "|hello world")

        var ending = editor("hel|lo world")
        ending.moveToLineEnd(width: 6)
        #expect(marked(ending) == "hello| world")
        ending.moveToLineEnd(width: 6)
        #expect(marked(ending) == "hello world|")

        check([("ab\ncd|ef\ngh", "ab\n|cdef\ngh"), ("ab\n|cdef", "ab\n|cdef")], { $0.moveToLineStart(width: 40) })
        check([("ab\ncd|ef\ngh", "ab\ncdef|\ngh"), ("ab|", "ab|")], { $0.moveToLineEnd(width: 40) })
    }
}
