import EaselGraphics
import EaselUI
import Foundation
import Glibc
import Testing

@testable import EaselTerminal

extension TerminalOnPtyTests {
    /// A `columns`×`rows` block of kitty placeholder cells for image `id` at (`x`, `y`).
    func placeholderGrid(id: UInt8, columns: Int, rows: Int, x: Int = 5, y: Int = 2, text: String = "list") -> CellGrid {
        var grid = textGrid(text)
        for row in 0..<rows {
            for column in 0..<columns {
                let character = Character(KittyPlaceholder.cellText(row: row, column: column, imageID: UInt32(id)))
                grid.replace(x: x + column, y: y + row, with: Cell(.grapheme(character), style: .paletteForeground(id)))
            }
        }
        return grid
    }

    /// A placeholder cell (U+10EEEE and two diacritics, one cchar_t of three wide characters)
    /// reaches the terminal whole, in the image id's palette colour, after the transmission
    /// queued for that frame; an unchanged frame writes nothing more.
    @Test func placeholderCellsGoThroughCursesWholeAndAfterTheirImage() throws {
        try withTerminal { terminal, pty in
            let transmit = Array("\u{1B}_Ga=T,U=1,f=100,t=d,i=16,c=3,r=2,q=2,m=0;AAAA\u{1B}\\".utf8)
            terminal.writeGraphics(before: transmit, after: [])
            terminal.present(placeholderGrid(id: 16, columns: 3, rows: 2), cursor: nil)
            #expect(pty.waitForCount(terminal.bytesWritten))
            let output = pty.output
            let cellBytes = { (row: Int, column: Int) in Array(KittyPlaceholder.cellText(row: row, column: column, imageID: 16).utf8) }
            #expect(output.contains(text: "38;5;16m"), "the id as a palette foreground")
            for row in 0..<2 {
                for column in 0..<3 {
                    #expect(pty.output.contains(bytes: cellBytes(row, column)), "cell \(row),\(column) whole")
                }
            }
            let transmitAt = output.firstRange(of: transmit)?.lowerBound ?? Int.max
            let firstCellAt = output.firstRange(of: cellBytes(0, 0))?.lowerBound ?? -1
            #expect(transmitAt < firstCellAt, "the image is in the terminal before its placeholders")

            let before = terminal.bytesWritten
            terminal.present(placeholderGrid(id: 16, columns: 3, rows: 2, text: "lisp"), cursor: nil)
            let cost = terminal.bytesWritten - before
            #expect(cost > 0 && cost < 48, "a changed letter beside the picture costs \(cost) bytes, no placeholder")
            #expect(pty.waitForCount(terminal.bytesWritten))
            let tail = Array(pty.output[output.count...])
            #expect(!tail.contains(text: "\u{10EEEE}"))

            let deleteBytes = Array("\u{1B}_Ga=d,d=I,i=16,q=2\u{1B}\\".utf8)
            terminal.writeGraphics(before: [], after: deleteBytes)
            terminal.present(textGrid("list"), cursor: nil)
            #expect(pty.waitForCount(terminal.bytesWritten))
            #expect(pty.output.contains(bytes: deleteBytes))
        }
    }
}
