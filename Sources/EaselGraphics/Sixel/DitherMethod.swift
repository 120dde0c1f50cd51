/// How colours the palette lacks are approximated.
public enum DitherMethod: Sendable, Equatable {
    /// Every pixel takes its nearest palette colour.
    case none
    /// Floyd–Steinberg error diffusion, scanning rows alternately left and right so the
    /// error does not drift in one direction.
    case floydSteinberg
}
