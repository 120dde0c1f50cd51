/// The pixel layer under both the studio and `easel show`: one colour type (`RGBColor`), one
/// xterm-256 palette and matcher (`XtermPalette`), and one cell-picture renderer
/// (`SymbolRenderer`: an image into cells of glyph + two colours, from half blocks up to
/// octants). Pure Swift, no I/O.
public enum EaselPixels {}
