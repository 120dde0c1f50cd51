/// The roles a theme gives colours to; every cell is drawn in one role, never a raw colour, so
/// themes (and `NO_COLOR`) apply everywhere.
public enum UIRole: String, Sendable, Hashable, CaseIterable, Codable {
    case background
    case text
    case dimText = "dim_text"
    case accent
    case selection
    case positiveWeight = "positive_weight"
    case negativeWeight = "negative_weight"
    case error
    case warning
    case success
    case border
    case title
}
