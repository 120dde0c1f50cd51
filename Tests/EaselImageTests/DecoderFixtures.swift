import Foundation
import Testing
@testable import EaselImage

/// The fixture pictures' formulas, repeated from `Fixtures/make_fixtures.py`, and how to load them.
enum DecoderFixtures {
    /// The bytes of `Fixtures/<name>`.
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: try path(name))))
    }

    /// The on-disk path of `Fixtures/<name>`.
    static func path(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return url.path
    }

    static func rgb(_ x: Int, _ y: Int) -> [Int] {
        [(x * 29 + y * 7) & 255, (x * 5 + y * 31) & 255, (x * x + y * 13) & 255]
    }

    static func alpha(_ x: Int, _ y: Int) -> Int { (x * 17 + y * 11) & 255 }
    static func grey(_ x: Int, _ y: Int) -> Int { (x * 7 + y * 19) & 255 }
    static func bit(_ x: Int, _ y: Int) -> Int { (x + y * 3) % 5 < 2 ? 255 : 0 }

    /// A 16-bit sample rounded to 8 bits the way PNG's spec suggests: round(v × 255 / 65535).
    static func sample16(_ x: Int, _ y: Int, _ channel: Int) -> Int {
        let value = (x * 2039 + y * 977 + channel * 5003) & 0xFFFF
        return (value * 255 + 32767) / 65535
    }

    static let palette: [[Int]] = [
        [255, 0, 0], [0, 255, 0], [0, 0, 255], [250, 250, 250], [10, 20, 30], [200, 100, 50], [90, 180, 45],
    ]
    static let paletteAlpha = [0, 128, 200, 255, 255, 255, 255]
    static func paletteIndex(_ x: Int, _ y: Int) -> Int { (x + y * 3) % 7 }

    static let quadrantRGB: [[Int]] = [[200, 40, 40], [40, 180, 60], [30, 60, 200], [230, 220, 90]]
    static let quadrantGrey = [30, 100, 170, 240]
    static let quadrantCMYK: [[Int]] = [[0, 200, 200, 20], [200, 0, 180, 30], [180, 120, 0, 10], [0, 0, 0, 0]]
    static let quadrantAlpha = [255, 128, 0, 60]

    /// Which 16×8 quadrant of a 32×16 lossy fixture a pixel is in, or nil within two pixels of a
    /// quadrant edge, where lossy codecs ring.
    static func quadrant(_ x: Int, _ y: Int) -> Int? {
        guard !(14...17).contains(x), !(6...9).contains(y) else { return nil }
        return (x >= 16 ? 1 : 0) + (y >= 8 ? 2 : 0)
    }

    /// CMYK inks to RGB with the plain subtractive model, rounded: R = (255 − C)(255 − K) / 255.
    static func cmykToRGB(_ cmyk: [Int]) -> [Int] {
        (0..<3).map { ((255 - cmyk[$0]) * (255 - cmyk[3]) + 127) / 255 }
    }
}

/// One fixture and the pixels it must decode to.
struct DecoderCase: Sendable, CustomTestStringConvertible {
    var file: String
    var format: ImageFormat
    var width: Int
    var height: Int
    var hasAlpha: Bool
    var details: String
    /// Allowed difference in R, G and B; alpha is always exact.
    var tolerance: Int
    /// Expected RGBA at (x, y); nil skips the pixel, a negative channel skips that channel.
    var expected: @Sendable (Int, Int) -> [Int]?

    var testDescription: String { file }
}
