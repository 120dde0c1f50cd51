import EaselImage

/// One image given to an edit or a variation (or its mask), checked against the model's rules:
/// where it came from, what its bytes are, and where Easel keeps its copy.
public struct InputImage: Sendable, Hashable, Codable {
    /// An image to work on, or the mask over the first one.
    public enum Role: String, Sendable, Hashable, Codable {
        case image
        case mask
    }

    public var role: Role
    /// The file as the user named it (for `@ID`, the history image's file).
    public var path: String
    /// The history image it was picked by (`@ID`), when it was.
    public var historyImage: Int64?
    /// SHA-256 of the file's bytes, lowercase hex: its name in Easel's input store.
    public var sha256: String
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    public var bytes: Int
    /// Whether it has an alpha channel (a mask must).
    public var hasAlpha: Bool
    /// Easel's content-addressed copy, once kept (`InputStore`).
    public var kept: String?

    public init(
        role: Role, path: String, historyImage: Int64? = nil, sha256: String, format: ImageFormat, width: Int, height: Int,
        bytes: Int, hasAlpha: Bool, kept: String? = nil
    ) {
        self.role = role
        self.path = path
        self.historyImage = historyImage
        self.sha256 = sha256
        self.format = format
        self.width = width
        self.height = height
        self.bytes = bytes
        self.hasAlpha = hasAlpha
        self.kept = kept
    }

    /// The file whose bytes are sent: the kept copy when there is one, else the original.
    public var source: String { kept ?? path }

    /// The name it travels under in the multipart body: the file's own name reduced to safe
    /// characters, with the extension its bytes call for.
    public var uploadName: String {
        let base = path.split(separator: "/").last.map(String.init) ?? "image"
        let stem = base.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        let safe = String((stem.isEmpty ? base : stem).unicodeScalars.prefix(80).map { scalar -> Character in
            let value = scalar.value
            let allowed = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || scalar == "-" || scalar == "_"
            return allowed ? Character(scalar) : "_"
        })
        return (safe.isEmpty ? role.rawValue : safe) + "." + format.fileExtension
    }

    /// Its media type: `image/png`, `image/jpeg`, `image/webp`.
    public var contentType: String { "image/" + format.rawValue }

    enum CodingKeys: String, CodingKey {
        case role, path, sha256, format, width, height, bytes, kept
        case historyImage = "history_image"
        case hasAlpha = "has_alpha"
    }
}
