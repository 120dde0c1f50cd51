/// A 24-bit sRGB colour: what every theme role is painted in and what a picture cell's glyph
/// and background show. The one colour type of the studio and `easel show`.
public struct RGBColor: Sendable, Hashable, CustomStringConvertible {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// Makes a colour from its three channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Makes a colour from its three channels, unlabelled, for tables of literal colours.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.init(red: red, green: green, blue: blue)
    }

    /// Makes a colour from a packed `0xRRGGBB` literal; compiled-in themes use this so they
    /// cannot fail to parse at run time.
    public init(rgb: UInt32) {
        self.init(
            red: UInt8(truncatingIfNeeded: rgb >> 16),
            green: UInt8(truncatingIfNeeded: rgb >> 8),
            blue: UInt8(truncatingIfNeeded: rgb))
    }

    /// The colour as `0xRRGGBB`; one integer compare tells two colours apart in hot loops.
    public var rgb: UInt32 { UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue) }

    /// Parses `#rrggbb` or the CSS shorthand `#rgb` (either case); nil for anything else, so
    /// a theme file's typo is reported instead of guessed at.
    public init?(hex text: String) {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "#") else { return nil }
        var digits: [UInt8] = []
        for byte in bytes.dropFirst() {
            guard let digit = Self.hexDigit(byte) else { return nil }
            digits.append(digit)
        }
        switch digits.count {
        case 6:
            self.init(
                red: digits[0] << 4 | digits[1],
                green: digits[2] << 4 | digits[3],
                blue: digits[4] << 4 | digits[5])
        case 3:
            // #abc means #aabbcc: each digit is repeated, as in CSS.
            self.init(red: digits[0] * 17, green: digits[1] * 17, blue: digits[2] * 17)
        default:
            return nil
        }
    }

    /// The colour as lowercase `#rrggbb`, the form theme files use.
    public var hex: String {
        "#" + [red, green, blue].map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// Prints as `#rrggbb`, so colours read in messages the way they are written in files.
    public var description: String { hex }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
