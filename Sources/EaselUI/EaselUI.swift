/// The studio's pure core: state, actions, the reducer and rendering into a `CellGrid`.
/// No C, no I/O: the terminal backend (EaselTerminal) is the only thing that touches the screen.
public enum EaselUI {}
