import EaselUI

/// A terminal pixel protocol in the studio: turns a frame whose pictures carry pixels
/// (`CellGrid.placements`) into the frame to present plus the bytes around it.
///
/// The seam the loop uses for every pixel protocol (kitty's placeholders today): the renderer
/// stays pure and draws symbol cells; the protocol decides per placement whether to swap them.
public protocol PlaceholderPictures: AnyObject {
    /// The frame to present for `grid` at time `now` (seconds, the studio clock's).
    func frame(for grid: CellGrid, now: Double) -> PixelFrame
    /// Bytes that free everything the terminal still holds, for when the studio ends.
    func farewell() -> [UInt8]
    /// Reads the terminal's graphics replies; returns the one line for the status bar when the
    /// protocol has to give up (every later frame is then drawn as symbols).
    func terminalReplied(_ replies: [String]) -> String?
}

/// One frame as a pixel protocol draws it.
public struct PixelFrame: Sendable {
    /// The cells to present (placements swapped where the protocol shows pixels).
    public var grid: CellGrid
    /// Bytes for before the cells (transmissions) and after them (deletions).
    public var before: [UInt8]
    public var after: [UInt8]
    /// When a picture held back for pacing may go out: the loop presents again then.
    public var retryAt: Double?

    public init(grid: CellGrid, before: [UInt8] = [], after: [UInt8] = [], retryAt: Double? = nil) {
        self.grid = grid
        self.before = before
        self.after = after
        self.retryAt = retryAt
    }
}
