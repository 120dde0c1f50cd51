import EaselPixels

/// How a placeholder cell's foreground colour is written.
public enum PlaceholderColor: Sendable, Equatable {
    /// `38;5;n`, for image ids 1–255.
    case palette(UInt8)
    /// `38;2;r;g;b`, the low 24 bits of larger ids.
    case rgb(RGBColor)
}
