import CEaselTerminalSupport
import EaselUI
import Foundation
import Glibc
import Testing

@testable import EaselTerminal

extension TerminalOnPtyTests {
    /// A grid with `text` on every other row, so that drawing it moves the cursor between rows.
    func scatteredGrid(_ text: String, rows: Int = 24) -> CellGrid {
        var grid = CellGrid(width: 80, height: rows)
        for row in stride(from: 0, to: rows, by: 2) {
            grid.put("\(text) \(row)", x: row, y: row, style: .text)
        }
        return grid
    }

    /// ncurses 6.4 flushed after every cursor movement until its screen had been left and
    /// resumed once: a frame went out as one write per move, over ssh each a packet.
    @Test("a frame goes out in one write, however many rows it changes")
    func aFrameIsOneWrite() throws {
        try withTerminal { terminal, pty in
            terminal.present(scatteredGrid("first"), cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "first 22") })
            let before = easel_term_thread_write_calls()
            try #require(before >= 0, "no /proc/thread-self/io here")
            terminal.present(scatteredGrid("second"), cursor: nil)
            let writes = easel_term_thread_write_calls() - before
            #expect(pty.waitUntil { $0.contains(text: "second 22") })
            #expect(writes == 1, "12 changed rows went out in \(writes) writes")
        }
    }

    /// xterm's `oc` is OSC 104, which resets every palette colour the user set (OSC 4); ncurses
    /// sends it whenever it resumes a coloured screen: at start-up and after Ctrl-Z.
    @Test("the terminal's palette is left alone: no OSC 104 at start or after a suspend")
    func paletteIsNotReset() throws {
        try withTerminal { terminal, pty in
            terminal.present(scatteredGrid("shown"), cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "shown 22") })
            terminal.reenterAfterStop()
            terminal.present(scatteredGrid("moved"), cursor: nil)
            #expect(pty.waitUntil { $0.contains(text: "moved") })
            #expect(!pty.output.contains(bytes: Array("\u{1B}]104".utf8)))
        }
    }
}
