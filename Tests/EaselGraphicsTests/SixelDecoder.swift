import EaselGraphics
import EaselPixels

/// A minimal sixel decoder for checking the encoder: `ESC P … q`, raster attributes, colour
/// definitions in RGB percent, colour selection, repeats, `$`, `-`, `ESC \`.
struct SixelDecoder {
    var width = 0
    var height = 0
    /// Row-major pixels; nil where nothing was drawn.
    var pixels: [RGBColor?] = []
    /// The registers as defined, converted back to bytes.
    var registers: [Int: RGBColor] = [:]

    enum Failure: Error { case malformed(String) }

    init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 4, bytes[0] == 0x1B, bytes[1] == UInt8(ascii: "P") else { throw Failure.malformed("no DCS") }
        guard bytes.suffix(2).elementsEqual([0x1B, UInt8(ascii: "\\")]) else { throw Failure.malformed("no ST") }
        var index = 2
        while index < bytes.count, bytes[index] != UInt8(ascii: "q") { index += 1 }
        index += 1
        let end = bytes.count - 2
        var color = 0
        var x = 0
        var band = 0

        func number() -> Int {
            var value = 0
            while index < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return value
        }
        func numbers() -> [Int] {
            var values = [number()]
            while index < end, bytes[index] == UInt8(ascii: ";") {
                index += 1
                values.append(number())
            }
            return values
        }

        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                let values = numbers()
                guard values.count == 4 else { throw Failure.malformed("raster attributes \(values)") }
                width = values[2]
                height = values[3]
                pixels = [RGBColor?](repeating: nil, count: width * height)
            case UInt8(ascii: "#"):
                index += 1
                let values = numbers()
                color = values[0]
                if values.count == 5 {
                    guard values[1] == 2 else { throw Failure.malformed("colour space \(values[1])") }
                    func byte(_ percent: Int) -> UInt8 { UInt8((percent * 255 + 50) / 100) }
                    registers[color] = RGBColor(byte(values[2]), byte(values[3]), byte(values[4]))
                }
            case UInt8(ascii: "!"):
                index += 1
                let count = number()
                let sixel = bytes[index]
                index += 1
                try draw(sixel, count: count, color: color, x: &x, band: band)
            case UInt8(ascii: "$"):
                index += 1
                x = 0
            case UInt8(ascii: "-"):
                index += 1
                x = 0
                band += 1
            case 63...126:
                index += 1
                try draw(byte, count: 1, color: color, x: &x, band: band)
            default:
                throw Failure.malformed("byte \(byte) at \(index)")
            }
        }
    }

    private mutating func draw(_ sixel: UInt8, count: Int, color: Int, x: inout Int, band: Int) throws {
        guard (63...126).contains(sixel) else { throw Failure.malformed("sixel \(sixel)") }
        guard let rgb = registers[color] else { throw Failure.malformed("undefined colour \(color)") }
        let bits = sixel - 63
        for _ in 0..<count {
            for row in 0..<6 where bits & (1 << row) != 0 {
                let y = band * 6 + row
                guard x < width, y < height else { throw Failure.malformed("pixel (\(x), \(y)) outside") }
                pixels[y * width + x] = rgb
            }
            x += 1
        }
    }
}
