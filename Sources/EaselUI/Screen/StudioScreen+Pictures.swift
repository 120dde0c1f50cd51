extension StudioScreen {
    /// Screens without a pixel protocol show the frame's cells, symbol pictures included.
    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?, pictures: [ScreenPicture]) {
        present(grid, cursor: cursor)
    }

    /// Screens without a pixel protocol never fail at one.
    public func takePictureFailure() -> String? { nil }

    /// Screens without a pixel protocol hold nothing back.
    public var picturesWaiting: Bool { false }
}

extension StudioScreen {
    /// Screens without kitty placeholders write no graphics bytes.
    public func writeGraphics(before: [UInt8], after: [UInt8]) {}

    /// Screens without kitty placeholders hear no graphics replies.
    public func takeGraphicsReplies() -> [String] { [] }
}
