// The studio's colours and pictures are EaselPixels' types (RGBColor, CellPicture…); re-exported
// so every importer of EaselUI keeps seeing them as it did when they lived here.
@_exported public import EaselPixels

/// The studio's pure core: state, actions, the reducer and rendering into a `CellGrid`.
/// No C, no I/O: the terminal backend (EaselTerminal) is the only thing that touches the screen.
public enum EaselUI {}
