/// A mouse drag in the mask editor, from the button going down to it coming up.
///
/// A brush stroke paints as the pointer moves (so the overlay follows it) and becomes one undo
/// step when it ends: the mask as the stroke found it is kept (copy on write, so the copy is
/// made by the first dab) and the step is the difference inside the rectangle it touched. A
/// shape drag keeps the editor's `selection` as its preview and fills it on release.
public struct MaskStroke: Hashable, Sendable {
    /// 255 paints, 0 erases.
    public var value: UInt8
    /// The last picture cell the brush was stamped at (or the shape's corner moved to).
    public var last: CellPoint
    /// The mask before the stroke; nil for a shape drag, whose fill is its own undo step.
    public var before: MaskBitmap?
    /// The pixels the stroke has touched so far.
    public var touched = PixelRect(x: 0, y: 0, width: 0, height: 0)

    public var isShape: Bool { before == nil }

    public init(value: UInt8, last: CellPoint, before: MaskBitmap?) {
        self.value = value
        self.last = last
        self.before = before
    }

    /// The cells on the straight line from `start` to `end`, without `start` (Bresenham), so a
    /// fast drag whose reports are several cells apart leaves no gap.
    public static func cells(from start: CellPoint, to end: CellPoint) -> [CellPoint] {
        let dx = abs(end.x - start.x)
        let dy = -abs(end.y - start.y)
        let stepX = start.x < end.x ? 1 : -1
        let stepY = start.y < end.y ? 1 : -1
        var error = dx + dy
        var x = start.x
        var y = start.y
        var cells: [CellPoint] = []
        while x != end.x || y != end.y {
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
            cells.append(CellPoint(x: x, y: y))
        }
        return cells
    }
}
