/// One undoable edit: the rectangle it touched and that rectangle's bytes before and after,
/// run-length encoded.
public struct MaskChange: Hashable, Sendable {
    public var rect: PixelRect
    public var before: MaskRuns
    public var after: MaskRuns

    public var byteCost: Int { before.byteCost + after.byteCost }
}
