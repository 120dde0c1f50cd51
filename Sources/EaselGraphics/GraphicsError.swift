/// Why an image could not be turned into terminal output.
public enum GraphicsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No protocol can show an image without pixels.
    case emptyImage(width: Int, height: Int)
    /// kitty image ids must be positive (0 means "no id" in the protocol).
    case invalidImageID(UInt32)
    /// A placement needs at least one cell each way.
    case invalidPlacement(columns: Int, rows: Int)
    /// Unicode placeholders can only number rows and columns up to the diacritics table.
    case placementTooLarge(columns: Int, rows: Int, limit: Int)
    /// The PNG needed for kitty or iTerm2 could not be made.
    case encodingFailed(String)

    /// A one-line explanation fit for showing to a user.
    public var description: String {
        switch self {
        case .emptyImage(let width, let height):
            "cannot show an empty \(width)×\(height) image"
        case .invalidImageID(let id):
            "kitty image id \(id) is invalid (ids start at 1)"
        case .invalidPlacement(let columns, let rows):
            "cannot place an image in \(columns)×\(rows) cells (both must be at least 1)"
        case .placementTooLarge(let columns, let rows, let limit):
            "a \(columns)×\(rows)-cell kitty placeholder is too large (at most \(limit) cells each way)"
        case .encodingFailed(let message):
            "could not encode the image for the terminal: \(message)"
        }
    }
}
