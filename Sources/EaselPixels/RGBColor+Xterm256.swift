extension RGBColor {
    /// The closest xterm-256 palette entry, for terminals that cannot take direct colour: the
    /// cube (16–231) or the grey ramp (232–255), as `XtermPalette.nearestIndex` finds it.
    public var nearestXterm256Index: UInt8 {
        XtermPalette.nearestIndex(red, green, blue)
    }
}
