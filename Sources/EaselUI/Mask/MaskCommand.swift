/// What the mask editor's keys (and mouse) ask for.
public enum MaskCommand: Hashable, Sendable {
    /// Opens the editor on the viewer's image.
    case open
    /// Moves the brush by cells.
    case move(dx: Int, dy: Int)
    /// Pans a 1:1 view (quarter screens across, half screens down, as in the viewer).
    case pan(dx: Int, dy: Int)
    case resizeBrush(by: Int)
    /// Space: fills the pending shape, else applies the brush in the current mode.
    case stamp
    /// Erases under the brush whatever the mode.
    case erase
    case toggleMode
    case startSelection(MaskEditorState.Selection.Shape)
    case fillAll
    case clearAll
    case invert
    case undo
    case redo
    case toggleZoom
    case cycleFeather
    /// Enter: fills the pending shape, else saves.
    case commit
    case save
    /// Esc: drops the pending shape, else leaves (asking when unsaved).
    case cancel
    case confirmLeave
    case stay
    /// A button went down on screen cell (`x`, `y`): moves the brush there and starts a
    /// stroke that paints (or erases) along the drag; with Shift or Ctrl it starts a rectangle
    /// (Alt: an ellipse) from there instead.
    case mousePress(x: Int, y: Int, erase: Bool, modifiers: KeyModifiers)
    /// The pointer moved to screen cell (`x`, `y`) with the button held.
    case mouseDrag(x: Int, y: Int)
    /// The button came up at screen cell (`x`, `y`): the stroke becomes one undo step.
    case mouseRelease(x: Int, y: Int)
}

/// A mask to write to disk: the bitmap, its feather, and which image and edit it belongs to.
public struct MaskSaveRequest: Hashable, Sendable {
    public var source: String
    public var mask: MaskBitmap
    public var feather: Int
    public var revision: Int

    public init(source: String, mask: MaskBitmap, feather: Int, revision: Int) {
        self.source = source
        self.mask = mask
        self.feather = feather
        self.revision = revision
    }
}
