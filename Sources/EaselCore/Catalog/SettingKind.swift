/// How a setting's values are written and checked.
public enum SettingKind: String, Sendable, Hashable, Codable {
    /// One of a fixed list of words.
    case choice
    /// A whole number between `min` and `max`.
    case integer
    /// `WIDTHxHEIGHT`, from a list or within a `SizeRule` (or both).
    case size
    /// Free text.
    case text
    /// `true` or `false`.
    case boolean
    /// A decimal number between `min` and `max` (A1111's `cfg_scale`, ComfyUI's `denoise`), kept
    /// as its canonical text and sent as a JSON number.
    case number
}
