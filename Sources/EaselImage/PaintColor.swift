/// A colour with channels on the 0...255 scale, kept as floats while blending.
struct PaintColor: Equatable {
    /// Red, 0...255.
    var red: Float
    /// Green, 0...255.
    var green: Float
    /// Blue, 0...255.
    var blue: Float

    /// A colour from hue (any real; only the fractional part counts), saturation and value in 0...1.
    ///
    /// Plain arithmetic only, so every platform computes identical channels.
    init(hue: Float, saturation: Float, value: Float) {
        var wrapped = hue - hue.rounded(.down)
        if wrapped >= 1 { wrapped = 0 }
        let sector = wrapped * 6
        let index = Int(sector)
        let fraction = sector - Float(index)
        let scale: Float = 255
        let top = value * scale
        let bottom = value * (1 - saturation) * scale
        let falling = value * (1 - saturation * fraction) * scale
        let rising = value * (1 - saturation * (1 - fraction)) * scale
        switch index {
        case 0: (red, green, blue) = (top, rising, bottom)
        case 1: (red, green, blue) = (falling, top, bottom)
        case 2: (red, green, blue) = (bottom, top, rising)
        case 3: (red, green, blue) = (bottom, falling, top)
        case 4: (red, green, blue) = (rising, bottom, top)
        default: (red, green, blue) = (top, bottom, falling)
        }
    }
}
