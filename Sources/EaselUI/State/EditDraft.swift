import EaselCore

/// The images the composer edits instead of generating: files on this machine (a job's result, a
/// history image, a file), the first one the picture being changed, with the mask drawn for it
/// in the mask editor when there is one (transparent = the area to change).
public struct EditDraft: Sendable, Hashable {
    public var images: [String]
    public var mask: String?
    /// An edit (by a prompt, within the mask) or variations (of the first image, no prompt).
    public var operation: ImageOperation
    /// A converted copy's original (copy → the file it was made from), so the lineage still
    /// names the history image the user picked.
    public var originals: [String: String] = [:]
    /// The prompt the first image was made from, when known: a variation whose model takes a
    /// prompt (a local backend's image-to-image) uses it while the composer is empty.
    public var sourcePrompt: String = ""

    public init(images: [String], mask: String? = nil, operation: ImageOperation = .edit, sourcePrompt: String = "") {
        self.images = images
        self.mask = mask
        self.operation = operation
        self.sourcePrompt = sourcePrompt
    }

    /// The file the first input was made from (itself unless it is a converted copy).
    public var parentSource: String? { images.first.map { originals[$0] ?? $0 } }

    /// `a.png` or `a.png + 2 more`, with the mask when there is one, for the composer's line.
    public var summary: String {
        let names = images.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        var text = names.first ?? ""
        if names.count > 1 { text += " + \(names.count - 1) more" }
        if let mask { text += " · mask " + (mask.split(separator: "/").last.map(String.init) ?? mask) }
        return text
    }
}
