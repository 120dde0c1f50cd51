import EaselCore

/// What the composer asks to have checked about the inputs of an edit: the files, and the
/// model's rules they must meet. A different file, mask or model is a different check.
public struct EditCheck: Sendable, Hashable {
    public var images: [String]
    public var mask: String?
    public var model: String
    public var rules: InputRules

    public init(images: [String], mask: String?, model: String, rules: InputRules) {
        self.images = images
        self.mask = mask
        self.model = model
        self.rules = rules
    }
}

/// One input as the composer shows it: its size, format and bytes (when it could be read), what
/// keeps it from the model, and the conversions that would make it fit.
public struct EditInputReport: Sendable, Hashable {
    public var path: String
    public var isMask: Bool
    /// "PNG", "JPEG", "WebP" (by its bytes).
    public var format: String?
    public var width: Int?
    public var height: Int?
    public var bytes: Int?
    /// Why the model cannot take it as it is, in one line; nil when it fits.
    public var problem: String?
    /// Conversions that would fit it, in the order offered; empty when none would.
    public var offers: [EditFitOffer]

    public init(
        path: String, isMask: Bool, format: String? = nil, width: Int? = nil, height: Int? = nil, bytes: Int? = nil,
        problem: String? = nil, offers: [EditFitOffer] = []
    ) {
        self.path = path
        self.isMask = isMask
        self.format = format
        self.width = width
        self.height = height
        self.bytes = bytes
        self.problem = problem
        self.offers = offers
    }

    /// "1024×1536 PNG 2.1 MB", as much of it as is known.
    public var facts: String {
        var parts: [String] = []
        if let width, let height { parts.append("\(width)×\(height)") }
        if let format { parts.append(format) }
        if let bytes { parts.append(Self.size(bytes)) }
        return parts.joined(separator: " ")
    }

    /// Decimal units, one decimal from a megabyte on: "812 B", "56 kB", "2.1 MB".
    static func size(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return "\(bytes / 1000) kB" }
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// One conversion the composer offers for an input that does not fit: the key's mode and what
/// the copy will be ("pad to 1536×1536").
public struct EditFitOffer: Sendable, Hashable {
    public var mode: FitMode
    public var label: String

    public init(mode: FitMode, label: String) {
        self.mode = mode
        self.label = label
    }

    /// The key that takes it, as the composer shows it.
    public var key: String {
        switch mode {
        case .pad: "Alt-P"
        case .crop: "Alt-C"
        case .scale: "Alt-S"
        }
    }
}

/// The inputs checked for `check`, as they came back from the edge.
public struct EditReports: Sendable, Hashable {
    public var check: EditCheck
    public var inputs: [EditInputReport]

    public init(check: EditCheck, inputs: [EditInputReport]) {
        self.check = check
        self.inputs = inputs
    }
}

/// A conversion to run at the edge: input `path` of `check`, made to fit by `mode`.
public struct EditConversion: Sendable, Hashable {
    public var path: String
    public var mode: FitMode
    public var check: EditCheck

    public init(path: String, mode: FitMode, check: EditCheck) {
        self.path = path
        self.mode = mode
        self.check = check
    }
}

/// A converted copy, kept in the input store, that replaces input `original` (and the mask's
/// copy when the first image's shape changed, so the mask still lines up).
public struct EditConverted: Sendable, Hashable {
    public var original: String
    public var replacement: String
    public var maskReplacement: String?
    /// What was done, in one line ("photo.jpg: padded to 1536×1536").
    public var note: String

    public init(original: String, replacement: String, maskReplacement: String? = nil, note: String) {
        self.original = original
        self.replacement = replacement
        self.maskReplacement = maskReplacement
        self.note = note
    }
}
