import EaselCore

/// What `easel edit` / `easel vary` add to a plan: the operation, the images as named (paths or
/// `@ID` history images) and the mask.
struct EditInputs {
    var operation: ImageOperation
    var images: [String]
    var mask: String?
    /// `--fit`: the conversion to apply to inputs that do not fit.
    var fit: FitMode? = nil
}
