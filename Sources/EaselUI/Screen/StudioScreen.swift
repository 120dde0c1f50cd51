/// Where the studio's frames go and its input comes from: the ncurses terminal in the product,
/// an in-memory screen in tests. The studio loop owns it on one thread; only `wake()` may be
/// called from elsewhere.
public protocol StudioScreen: AnyObject {
    /// Columns and rows right now.
    var size: (width: Int, height: Int) { get }
    /// Shows `grid`, writing only what changed since the last frame; `cursor` places the
    /// terminal's cursor (nil hides it).
    func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?)
    /// Shows `grid` like `present(_:cursor:)` and draws `pictures` over their cells with a
    /// pixel protocol, sending each only when it or its rectangle changed; cells under a
    /// picture that went away or got covered are repainted.
    func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?, pictures: [ScreenPicture])
    /// Why drawing pixel pictures failed since the last call (nil: it did not); the studio
    /// then goes back to symbol pictures.
    func takePictureFailure() -> String?
    /// Whether a changed picture waits for the link after the last frame; the studio then
    /// presents again soon, and the newest picture is sent.
    var picturesWaiting: Bool { get }
    /// Waits for input for at most `timeout` (nil: until something happens) and returns what
    /// arrived, possibly nothing. Returns early when `wake()` is called.
    func nextEvents(timeout: Duration?) -> [InputEvent]
    /// Makes a waiting `nextEvents` return; safe from any thread.
    func wake()
    /// Rings the terminal bell.
    func bell()
    /// Sets the terminal window's title (already sanitized by the caller).
    func setTitle(_ title: String)
    /// Puts `text` on the terminal's clipboard (OSC 52), after the next frame is written.
    func copyToClipboard(_ text: String)
    /// Stops the program (Ctrl-Z) and returns when it is resumed, with the screen redrawn.
    func suspend()
    /// Asks for mouse motion reports while a button is held (drag painting) or goes back to
    /// presses and the wheel only. The studio calls it after every frame with a flag derived
    /// from the state; only a change does anything.
    func setMouseMotion(_ enabled: Bool)
    /// Queues bytes a pixel protocol needs outside the cells (kitty's image transmissions and
    /// deletions): `before` is written ahead of the next frame's cells, in order, so an image
    /// is in the terminal before the placeholder text that shows it; `after` follows them.
    func writeGraphics(before: [UInt8], after: [UInt8])
    /// The terminal's graphics replies read since the last call (kitty's `Gi=16;EINVAL:…`,
    /// without `ESC _` and `ESC \\`), kept out of the keys.
    func takeGraphicsReplies() -> [String]
}
