import EaselCore
import EaselGraphics
import EaselUI

/// kitty graphics in the studio through Unicode placeholders: each picture is transmitted once
/// under an id with a virtual placement of its cell size (`a=T,U=1`), and its cells become
/// U+10EEEE placeholders whose foreground colour is the id. The placeholders are ordinary text
/// to ncurses, so they survive the diff, overlays, scrolling, resizes and tmux.
///
/// Runs on the loop's thread (it is the loop's, like the screen). Pictures that change quickly
/// in the same place (streamed partials, stepping through the viewer) are paced: a new picture
/// where another was sent less than `pacing` ago is drawn as symbols until the time is up, and
/// only the one then on screen is sent — intermediate ones are dropped, never queued.
public final class KittyPictures: PlaceholderPictures {
    /// Wrap each command for tmux's passthrough.
    let tmux: Bool
    /// The least time between two transmissions into the same place, in seconds.
    let pacing: Double
    private(set) var table: KittyImageTable
    /// When something was last transmitted at a grid position.
    private var sentAt: [Position: Double] = [:]
    /// The placeholder characters made so far, by row and column.
    private var characters: [Int: Character] = [:]
    /// Transmissions written so far (tests, benchmarks).
    public private(set) var transmissions = 0
    /// The terminal refused an image: everything is drawn as symbols from now on.
    public private(set) var failed = false

    private struct Position: Hashable {
        var x: Int
        var y: Int
    }

    /// `keptOffscreen` pictures stay in the terminal after leaving the screen.
    public init(tmux: Bool, pacing: Double = 0.25, keptOffscreen: Int = 8) {
        self.tmux = tmux
        self.pacing = pacing
        table = KittyImageTable(keptOffscreen: keptOffscreen)
    }

    public func frame(for grid: CellGrid, now: Double) -> PixelFrame {
        let placements = failed ? [] : grid.placements.filter { Self.fits($0.image) }
        if placements.isEmpty && table.alive.isEmpty { return PixelFrame(grid: grid) }
        var retryAt: Double?
        let positions = Dictionary(placements.map { ($0.image.identity, Position(x: $0.x, y: $0.y)) }, uniquingKeysWith: { a, _ in a })
        let plan = table.plan(showing: placements.map(\.image.identity)) { identity in
            guard let position = positions[identity], let last = sentAt[position], now - last < pacing else { return true }
            retryAt = min(retryAt ?? .infinity, last + pacing)
            return false
        }
        var before: [UInt8] = []
        for (identity, id) in plan.transmit {
            guard let placement = placements.first(where: { $0.image.identity == identity }) else { continue }
            let image = placement.image
            do {
                // q=1: errors come back (and switch pixels off), successes do not.
                let commands = try KittyPlaceholder.transmit(
                    .png(image.encoded), imageID: id, columns: image.columns, rows: image.rows, quiet: 1)
                before += KittyGraphics.joined(commands, tmux: tmux)
                sentAt[Position(x: placement.x, y: placement.y)] = now
                transmissions += 1
            } catch {
                table.forget(identity)
            }
        }
        var output = grid
        for placement in placements {
            guard let id = plan.ids[placement.image.identity], table.alive[placement.image.identity] != nil else { continue }
            swapCells(of: placement, id: UInt8(id), in: &output)
        }
        var after: [UInt8] = []
        for id in plan.delete { after += wrapped(KittyGraphics.delete(imageID: id)) }
        return PixelFrame(grid: output, before: before, after: after, retryAt: retryAt)
    }

    public func terminalReplied(_ replies: [String]) -> String? {
        guard !failed else { return nil }
        for reply in replies {
            // `Gi=16;EINVAL:…` or `Gi=16,p=…;OK`: the keys before `;`, the message after.
            guard reply.hasPrefix("G"), let semicolon = reply.firstIndex(of: ";") else { continue }
            let keys = reply[reply.index(after: reply.startIndex)..<semicolon].split(separator: ",")
            let message = reply[reply.index(after: semicolon)...]
            let id = keys.first { $0.hasPrefix("i=") }.flatMap { UInt32($0.dropFirst(2)) }
            guard let id, KittyImageTable.ids.contains(id), message != "OK" else { continue }
            failed = true
            let reason = TerminalText.oneLine(String(message.prefix(80)), limit: 80)
            return "the terminal refused a kitty image (\(reason)): pictures are symbols"
        }
        return nil
    }

    public func farewell() -> [UInt8] {
        var bytes: [UInt8] = []
        for id in table.heldIDs { bytes += wrapped(KittyGraphics.delete(imageID: id)) }
        return bytes
    }

    /// Whether kitty can number the picture's cells (297 rows and columns at most).
    static func fits(_ image: PixelImage) -> Bool {
        image.columns > 0 && image.rows > 0 && image.columns <= KittyPlaceholder.maximumSpan
            && image.rows <= KittyPlaceholder.maximumSpan
    }

    /// Swaps the picture's cells that still show its own glyphs (an overlay may have covered
    /// some) for placeholders naming `id`.
    private func swapCells(of placement: PixelPlacement, id: UInt8, in grid: inout CellGrid) {
        let picture = placement.picture
        let style = CellStyle.paletteForeground(id)
        for row in 0..<picture.rows {
            let y = placement.y + row
            guard y >= 0, y < grid.height else { continue }
            for column in 0..<picture.columns {
                let x = placement.x + column
                guard x >= 0, x < grid.width, grid[x: x, y: y] == PixelPlacement.cell(picture[column, row]) else { continue }
                grid.replace(x: x, y: y, with: Cell(.grapheme(placeholder(row: row, column: column)), style: style))
            }
        }
    }

    /// The placeholder character for a picture cell (ids below 256 need no third diacritic).
    private func placeholder(row: Int, column: Int) -> Character {
        let key = row << 16 | column
        if let known = characters[key] { return known }
        let made = Character(KittyPlaceholder.cellText(row: row, column: column, imageID: 16))
        characters[key] = made
        return made
    }

    private func wrapped(_ command: [UInt8]) -> [UInt8] {
        tmux ? TmuxPassthrough.wrap(command) : command
    }
}
