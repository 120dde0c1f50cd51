/// The mask editor: the image being masked, the mask at the image's full resolution, the brush
/// cursor (in picture cells), the zoom and pan (the viewer's model), a pending rectangle or
/// ellipse, the feather the saved file gets and the undo history.
public struct MaskEditorState: Hashable, Sendable {
    /// What the brush does: mark pixels to change, or take marks back.
    public enum Mode: Hashable, Sendable {
        case paint
        case erase
    }

    /// A shape being sized from `anchor` to the cursor.
    public struct Selection: Hashable, Sendable {
        public enum Shape: Hashable, Sendable {
            case rectangle
            case ellipse
        }

        public var shape: Shape
        /// The picture cell where it started.
        public var anchor: CellPoint
    }

    /// Feathers `F` cycles through, in pixels.
    public static let feathers = [0, 2, 4, 8, 16]
    /// Brush sides, in cells.
    public static let brushSizes = 1...32

    public var image: ViewerImage
    /// The picture the editor shows and the mask is for (the viewer's source).
    public var source: String
    public var mask: MaskBitmap
    public var zoom: ViewerState.Zoom = .fit
    /// The top-left image pixel at 1:1.
    public var origin = PixelPoint(x: 0, y: 0)
    /// The brush's cell in the picture (column, row from the picture's top-left).
    public var cursor = CellPoint(x: 0, y: 0)
    /// The brush is `brush`×`brush` picture cells, centred on the cursor.
    public var brush = 2
    public var mode: Mode = .paint
    public var selection: Selection?
    public var feather = 0
    public var history = MaskHistory()
    /// How many pixels are marked (kept as edits happen: counting 4 MP per frame is too slow).
    public var marked = 0
    /// Counts edits; the mask is unsaved while it differs from `savedRevision`.
    public var revision = 0
    public var savedRevision = 0
    /// Set while asking whether to leave with unsaved changes.
    public var confirmingLeave = false
    /// A mouse drag in progress (from press to release).
    public var stroke: MaskStroke?

    public init(image: ViewerImage, source: String, mask: MaskBitmap) {
        self.image = image
        self.source = source
        self.mask = mask
    }

    public var isDirty: Bool { revision != savedRevision }
}

/// A terminal cell, counted from some origin (a picture's top-left for the mask editor).
public struct CellPoint: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}
