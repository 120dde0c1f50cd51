/// One image a pixel protocol draws over a frame: the cells it covers, what it shows (a key
/// that changes exactly when the image does) and the bytes that draw it with the cursor at
/// the rectangle's top-left cell.
public struct ScreenPicture: Hashable, Sendable {
    /// The cells the image covers exactly.
    public var rect: Rect
    /// What the image shows; equal keys mean equal images.
    public var key: PreviewKey
    /// The escape sequence (sixel or iTerm2) that draws it at the cursor.
    public var bytes: [UInt8]

    /// Creates a picture.
    public init(rect: Rect, key: PreviewKey, bytes: [UInt8]) {
        self.rect = rect
        self.key = key
        self.bytes = bytes
    }

    public static func == (lhs: ScreenPicture, rhs: ScreenPicture) -> Bool {
        lhs.rect == rhs.rect && lhs.key == rhs.key
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rect)
        hasher.combine(key)
    }
}
