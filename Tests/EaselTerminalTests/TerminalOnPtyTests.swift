import EaselCore
import EaselUI
import Foundation
import Glibc
import Testing

@testable import EaselTerminal

/// The real backend on a pseudo-terminal: what it writes, what it decodes, how it leaves.
/// Serialized because ncurses (and the signal handlers) are process-global.
@Suite(.serialized) struct TerminalOnPtyTests {
    static let environment = ["TERM": "xterm-256color"]

    /// Opens a terminal on a fresh pty, runs `body`, and always shuts both down.
    func withTerminal(
        columns: UInt16 = 80, rows: UInt16 = 24, environment: [String: String] = environment,
        _ body: (Terminal, PseudoTerminal) throws -> Void
    ) throws {
        let pty = try PseudoTerminal(columns: columns, rows: rows)
        defer { pty.stop() }
        let terminal = try Terminal.open(theme: .builtinDefault, environment: environment, input: pty.slave, output: pty.slave, countingBytes: true)
        defer { terminal.shutdown() }
        try body(terminal, pty)
    }

    /// Calls `nextEvents` until `count` events arrived or 10 seconds passed.
    func events(from terminal: Terminal, count: Int) -> [InputEvent] {
        var collected: [InputEvent] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while collected.count < count, ContinuousClock.now < deadline {
            collected += terminal.nextEvents(timeout: .milliseconds(200))
        }
        return collected
    }

    func textGrid(_ text: String, width: Int = 80, height: Int = 24) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        grid.put(text, x: 0, y: 0, style: .text)
        return grid
    }

    @Test("the studio's terminal does not count its bytes: only tests ask for it")
    func bytesAreCountedOnlyWhenAsked() throws {
        let pty = try PseudoTerminal(columns: 80, rows: 24)
        defer { pty.stop() }
        let terminal = try Terminal.open(theme: .builtinDefault, environment: Self.environment, input: pty.slave, output: pty.slave)
        defer { terminal.shutdown() }
        terminal.present(textGrid("Hello there"), cursor: nil)
        #expect(pty.waitUntil { $0.contains(text: "Hello there") })
        #expect(terminal.bytesWritten == 0)
    }

    @Test func firstFrameDrawsEverythingAndOneChangedCellCostsAFewBytes() throws {
        try withTerminal { terminal, pty in
            #expect(terminal.colorMode == .palette256)
            #expect(terminal.size == (80, 24))
            terminal.present(textGrid("Hello there"), cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "Hello there") })
            #expect(pty.waitForCount(terminal.bytesWritten))
            let firstFrame = pty.output
            #expect(firstFrame.contains(text: "\u{1B}[?1049h"), "alternate screen")
            #expect(firstFrame.contains(text: "\u{1B}[?2004h"), "bracketed paste on")
            #expect(firstFrame.count == terminal.bytesWritten)

            let before = terminal.bytesWritten
            terminal.present(textGrid("Jello there"), cursor: nil)
            let cost = terminal.bytesWritten - before
            // A move, two colour sequences, the character and ncurses' reset after every update.
            #expect(cost > 0 && cost < 48, "one changed cell cost \(cost) bytes")
            #expect(pty.waitForCount(terminal.bytesWritten))
            let tail = Array(pty.output[firstFrame.count...])
            #expect(tail.count == cost)
            #expect(tail.contains(text: "J"))
            #expect(!tail.contains(text: "ello"))

            let unchanged = terminal.bytesWritten
            terminal.present(textGrid("Jello there"), cursor: nil)
            #expect(terminal.bytesWritten - unchanged < 4, "an identical frame writes (almost) nothing")
        }
    }

    @Test func hostileTextNeverReachesTheTerminal() throws {
        try withTerminal { terminal, pty in
            var grid = CellGrid(width: 80, height: 24)
            let hostile = [
                "red \u{1B}[31mRED", "clip \u{1B}]52;c;aGVsbG8=\u{07}", "link \u{1B}]8;;http://x\u{1B}\\t\u{1B}]8;;\u{1B}\\",
                "dcs \u{1B}Pq#0\u{1B}\\", "csi \u{9B}2J", "bidi \u{202E}gnp.exe", DisplayText.sanitize(bytes: [0x41, 0xFF, 0xFE, 0xC3]),
            ]
            for (row, text) in hostile.enumerated() { grid.put(text, x: 0, y: row, style: .text) }
            terminal.present(grid, cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "bidi") })
            #expect(pty.waitForCount(terminal.bytesWritten))
            let output = pty.output
            for forbidden in ["\u{1B}[31m", "\u{1B}]52", "\u{1B}]8;", "\u{1B}P", "\u{1B}\\", "\u{07}", "\u{9B}", "\u{202E}"] {
                #expect(!output.contains(text: forbidden), "\(forbidden.unicodeScalars.map { $0.value })")
            }
            #expect(!output.contains(0xFF) && !output.contains(0xFE))
            #expect(output.contains(text: "\u{241B}[31mRED"), "ESC is shown as a visible stand-in")
        }
    }

    @Test func wideCharactersTakeTwoColumns() throws {
        try withTerminal { terminal, pty in
            var grid = CellGrid(width: 80, height: 24)
            grid.put("漢x", x: 0, y: 0, style: .text)
            grid.put("ab", x: 10, y: 1, style: .text)
            grid.put("漢", x: 10, y: 1, style: .text)
            terminal.present(grid, cursor: (x: 3, y: 0))
            #expect(pty.waitUntil { $0.contains(text: "漢x") }, "no cursor motion between 漢 and x: both sides count 漢 as two columns")
            #expect(pty.waitForCount(terminal.bytesWritten))
            #expect(pty.output.contains(text: "\u{1B}[?25h"), "the cursor is shown")
            var next = grid
            next.put("y", x: 2, y: 0, style: .text)
            let before = pty.output.count
            terminal.present(next, cursor: (x: 3, y: 0))
            #expect(pty.waitForCount(terminal.bytesWritten))
            let tail = Array(pty.output[before...])
            #expect(tail.contains(text: "y"))
            #expect(!tail.contains(text: "漢"), "the unchanged wide character is not rewritten")
        }
    }

    @Test func charactersTheCLibraryMeasuresDifferentlyAreReplaced() throws {
        try withTerminal { terminal, pty in
            var grid = CellGrid(width: 80, height: 24)
            grid.put("a🇺🇸b", x: 0, y: 0, style: .text)
            terminal.present(grid, cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "a\u{FFFD} b") })
            #expect(!pty.output.contains(text: "🇺"))
        }
    }

    @Test func keysArriveDecoded() throws {
        try withTerminal { terminal, pty in
            pty.type("\u{1B}[1;3A\u{17}é漢\r\u{1B}[1;5D\u{1B}[Z\u{7F}\u{1B}OP\u{1B}[6~")
            let received = events(from: terminal, count: 10)
            #expect(
                received == [
                    .key(.alt(.up)), .key(.ctrl("w")), .key(.char("é")), .key(.char("漢")), .key(KeyPress(.enter)),
                    .key(KeyPress(.left, [.control])), .key(KeyPress(.tab, [.shift])), .key(KeyPress(.backspace)),
                    .key(KeyPress(.function(1))), .key(KeyPress(.pageDown)),
                ])
        }
    }

    @Test func modifiedArrowsWorkUnderScreenWhoseEntryLacksThem() throws {
        try withTerminal(environment: ["TERM": "screen-256color"]) { terminal, pty in
            pty.type("\u{1B}[1;3A\u{1B}[1;3B\u{1B}[1;5C\u{1B}[1;2D\u{1B}[200~a\rb\u{1B}[201~")
            #expect(
                events(from: terminal, count: 5) == [
                    .key(.alt(.up)), .key(.alt(.down)), .key(KeyPress(.right, [.control])),
                    .key(KeyPress(.left, [.shift])), .paste("a\nb"),
                ])
            // screen's entry only knows the X10 mouse encoding.
            pty.type("\u{1B}[M\u{20}\u{2B}\u{26}")
            #expect(events(from: terminal, count: 1) == [.mouse(MouseEvent(.press(button: 1), x: 10, y: 5))])
        }
    }

    @Test func escapeAloneAndAltLetters() throws {
        try withTerminal { terminal, pty in
            pty.type("\u{1B}b")
            #expect(events(from: terminal, count: 1) == [.key(.alt(.character("b")))])
            pty.type("\u{1B}")
            #expect(events(from: terminal, count: 1) == [.key(KeyPress(.escape))])
        }
    }

    @Test func bracketedPasteArrivesAsOneEvent() throws {
        try withTerminal { terminal, pty in
            pty.type("\u{1B}[200~first line\r\nsecond\rthird 漢\u{1B}[201~z")
            #expect(events(from: terminal, count: 2) == [.paste("first line\nsecond\nthird 漢"), .key(.char("z"))])
        }
    }

    @Test func sgrMouseClickAndWheel() throws {
        try withTerminal(columns: 320) { terminal, pty in
            #expect(pty.waitUntil { $0.contains(text: "\u{1B}[?1006;1000h") }, "SGR mouse reporting requested")
            // All in one write, as over a slow link: ncurses queues several reports per KEY_MOUSE.
            pty.type("\u{1B}[<0;11;6M\u{1B}[<0;11;6m\u{1B}[<64;3;4M\u{1B}[<65;3;4M")
            #expect(
                events(from: terminal, count: 4) == [
                    .mouse(MouseEvent(.press(button: 1), x: 10, y: 5)),
                    .mouse(MouseEvent(.release(button: 1), x: 10, y: 5)),
                    .mouse(MouseEvent(.wheelUp, x: 2, y: 3)),
                    .mouse(MouseEvent(.wheelDown, x: 2, y: 3)),
                ])
            // A press on its own, past column 223 where the old X10 encoding gives up.
            pty.type("\u{1B}[<2;300;7M")
            #expect(events(from: terminal, count: 1) == [.mouse(MouseEvent(.press(button: 3), x: 299, y: 6))])
        }
    }

    /// The mask editor's drags: motion tracking goes on and off with `setMouseMotion`, and the
    /// terminal's SGR motion bytes arrive as drags of the held button with their modifiers.
    @Test func sgrMouseDragWithMotionTracking() throws {
        try withTerminal { terminal, pty in
            #expect(pty.waitUntil { $0.contains(text: "\u{1B}[?1006;1000h") })
            #expect(!pty.output.contains(text: "\u{1B}[?1002h"), "no motion reports outside the editor")
            terminal.setMouseMotion(true)
            #expect(pty.waitUntil { $0.contains(text: "\u{1B}[?1002h\u{1B}[?1006h") }, "button-event tracking requested")
            // Press at (10,5), motion with the left button (32) and with Shift (32+4), release.
            pty.type("\u{1B}[<0;11;6M\u{1B}[<32;12;6M\u{1B}[<36;14;8M\u{1B}[<0;14;8m")
            #expect(
                events(from: terminal, count: 4) == [
                    .mouse(MouseEvent(.press(button: 1), x: 10, y: 5)),
                    .mouse(MouseEvent(.drag(button: 1), x: 11, y: 5)),
                    .mouse(MouseEvent(.drag(button: 1), x: 13, y: 7, modifiers: .shift)),
                    .mouse(MouseEvent(.release(button: 1), x: 13, y: 7)),
                ])
            // Ctrl (16) with the right button.
            pty.type("\u{1B}[<18;3;3M\u{1B}[<50;4;3M\u{1B}[<2;4;3m")
            #expect(
                events(from: terminal, count: 3) == [
                    .mouse(MouseEvent(.press(button: 3), x: 2, y: 2, modifiers: .control)),
                    .mouse(MouseEvent(.drag(button: 3), x: 3, y: 2, modifiers: .control)),
                    .mouse(MouseEvent(.release(button: 3), x: 3, y: 2)),
                ])
            let before = pty.output.count
            terminal.setMouseMotion(false)
            #expect(pty.waitUntil { Array($0[before...]).contains(text: "\u{1B}[?1002l\u{1B}[?1000h") }, "back to presses and the wheel")
            terminal.setMouseMotion(true)
            let beforeShutdown = pty.output.count
            terminal.shutdown()
            #expect(pty.waitUntil { Array($0[beforeShutdown...]).contains(text: "\u{1B}[?1002l") }, "shutdown turns motion off")
        }
    }

    @Test func resizeIsReportedAndTheNextFrameIsFull() throws {
        try withTerminal { terminal, pty in
            terminal.present(textGrid("Before"), cursor: nil)
            pty.resize(columns: 100, rows: 30)
            kill(getpid(), SIGWINCH)
            #expect(events(from: terminal, count: 1) == [.resize(width: 100, height: 30)])
            #expect(terminal.size == (100, 30))
            #expect(pty.waitForCount(terminal.bytesWritten))
            let before = pty.output.count
            terminal.present(textGrid("Before", width: 100, height: 30), cursor: nil)
            #expect(pty.waitForCount(terminal.bytesWritten))
            let tail = Array(pty.output[before...])
            // With back-colour-erase ncurses repaints by clearing in the background colour,
            // then writing the text again, unchanged as it is.
            #expect(tail.contains(text: "\u{1B}[2J") && tail.contains(text: "Before"), "the whole screen is repainted: \(String(decoding: tail, as: UTF8.self).debugDescription)")
        }
    }

    /// A frame smaller than the last (drawn before the resize is read) leaves nothing of the
    /// bigger one behind: the screen is cleared and the frame drawn whole.
    @Test func aFrameOfAnotherSizeIsDrawnOnAClearedScreen() throws {
        try withTerminal { terminal, pty in
            terminal.present(textGrid("Wide"), cursor: nil)
            #expect(pty.waitForCount(terminal.bytesWritten))
            let before = pty.output.count
            terminal.present(textGrid("Narrow", width: 40, height: 12), cursor: nil)
            #expect(pty.waitForCount(terminal.bytesWritten))
            let tail = Array(pty.output[before...])
            #expect(tail.contains(text: "\u{1B}[2J") && tail.contains(text: "Narrow"), "\(String(decoding: tail, as: UTF8.self).debugDescription)")
        }
    }

    @Test func wakeFromAnotherThreadEndsTheWait() throws {
        try withTerminal { terminal, _ in
            let box = UncheckedBox(terminal)
            Thread.detachNewThread { box.value.wake() }
            let start = ContinuousClock.now
            #expect(terminal.nextEvents(timeout: .seconds(30)) == [])
            #expect(ContinuousClock.now - start < .seconds(20))
        }
    }

    @Test func titleIsWrittenAfterTheNextFrameWithoutControls() throws {
        try withTerminal { terminal, pty in
            terminal.setTitle("Easel \u{07}— cat\u{1B}")
            terminal.present(textGrid("x"), cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "\u{1B}]2;Easel — cat\u{07}") })
        }
    }

    @Test func noColorSendsNoColours() throws {
        try withTerminal(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"]) { terminal, pty in
            #expect(terminal.colorMode == .none)
            var grid = textGrid("plain")
            grid.put("picked", x: 0, y: 1, style: CellStyle(.selection))
            terminal.present(grid, cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "picked") })
            #expect(!pty.output.contains(text: "38;5;"))
            #expect(pty.output.contains(text: "\u{1B}[7m") || pty.output.contains(text: ";7m"), "selection is reverse video")
        }
    }

    @Test func setThemeRepaintsEverything() throws {
        try withTerminal { terminal, pty in
            terminal.present(textGrid("themed"), cursor: nil)
            let other = Theme(id: "light", name: "Light", color: { $0 == .background ? RGBColor(rgb: 0xffffff) : RGBColor(rgb: 0x000080) })
            terminal.setTheme(other)
            #expect(pty.waitForCount(terminal.bytesWritten))
            let before = pty.output.count
            terminal.present(textGrid("themed"), cursor: nil)
            #expect(pty.waitForCount(terminal.bytesWritten))
            let tail = Array(pty.output[before...])
            #expect(tail.contains(text: "\u{1B}[2J") && tail.contains(text: "themed"), "the unchanged frame is repainted")
            #expect(pty.waitUntil { $0.contains(text: "38;5;\(RGBColor(rgb: 0x000080).nearestXterm256Index)") })
        }
    }

    @Test func shutdownRestoresTheTerminalAndIsIdempotent() throws {
        let pty = try PseudoTerminal()
        defer { pty.stop() }
        let original = pty.slaveSettings()
        let terminal = try Terminal.open(theme: .builtinDefault, environment: Self.environment, input: pty.slave, output: pty.slave)
        terminal.present(textGrid("bye"), cursor: (x: 0, y: 0))
        #expect(pty.slaveSettings() != original, "curses mode changed the settings")
        terminal.shutdown()
        #expect(pty.slaveSettings() == original)
        #expect(pty.waitUntil { $0.contains(text: "\u{1B}[?1049l") && $0.contains(text: "\u{1B}[?2004l") && $0.contains(text: "\u{1B}[?1006;1000l") })
        let count = pty.output.count
        terminal.shutdown()
        #expect(pty.slaveSettings() == original)
        #expect(!terminal.isOpen)
        #expect(terminal.nextEvents(timeout: .zero) == [])
        terminal.present(textGrid("ignored"), cursor: nil)
        #expect(pty.output.count == count)

        // A second terminal can be opened after the first is gone, but not beside it.
        let again = try Terminal.open(theme: .builtinDefault, environment: Self.environment, input: pty.slave, output: pty.slave)
        #expect(throws: TerminalError.alreadyOpen) {
            try Terminal.open(theme: .builtinDefault, environment: Self.environment, input: pty.slave, output: pty.slave)
        }
        again.shutdown()
        #expect(pty.slaveSettings() == original)
    }

    @Test func openRefusesPipesDumbAndUnknownTerminals() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        #expect(throws: TerminalError.notATerminal(stream: "standard input")) {
            try Terminal.open(theme: .builtinDefault, environment: Self.environment, input: ends[0], output: ends[1])
        }
        let pty = try PseudoTerminal()
        defer { pty.stop() }
        #expect(throws: TerminalError.notATerminal(stream: "standard output")) {
            try Terminal.open(theme: .builtinDefault, environment: Self.environment, input: pty.slave, output: ends[1])
        }
        let original = pty.slaveSettings()
        for environment in [["TERM": "dumb"], ["TERM": ""], [:]] {
            #expect(throws: TerminalError.dumbTerminal) {
                try Terminal.open(theme: .builtinDefault, environment: environment, input: pty.slave, output: pty.slave)
            }
        }
        #expect(throws: TerminalError.unknownTerminal("no-such-term")) {
            try Terminal.open(theme: .builtinDefault, environment: ["TERM": "no-such-term"], input: pty.slave, output: pty.slave)
        }
        #expect(pty.slaveSettings() == original)
        #expect(pty.output.isEmpty, "nothing was written to the terminal")
        #expect(TerminalError.notATerminal(stream: "standard output").description.contains("easel generate"))
    }
}

/// Carries a non-Sendable reference to another thread in a test that knows the use is safe
/// (`wake()` is documented as callable from any thread).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
