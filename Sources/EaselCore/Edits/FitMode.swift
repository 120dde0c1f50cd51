/// How `--fit` makes an input fit a model that takes square images, PNG only, or small files:
/// never applied unless asked for.
public enum FitMode: String, Sendable, Hashable, CaseIterable {
    /// Transparent borders around the picture, to the longer side (nothing is lost; the borders
    /// count as "edit here" for a model that reads transparency as a mask).
    case pad
    /// The centred square of the shorter side (the edges are lost).
    case crop
    /// Squeezed or shrunk to the shorter side (proportions change when not square).
    case scale
}
