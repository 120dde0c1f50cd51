@testable import EaselImage
import Testing

/// The mask files: decoded back and checked pixel by pixel.
@Suite("Mask PNG")
struct MaskEncoderTests {
    /// A `width`×`height` coverage with `rect` (x, y, w, h) painted.
    static func coverage(width: Int, height: Int, painted rect: (Int, Int, Int, Int)) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height)
        for y in rect.1..<(rect.1 + rect.3) {
            for x in rect.0..<(rect.0 + rect.2) { bytes[y * width + x] = 255 }
        }
        return bytes
    }

    @Test("transparent where painted, opaque elsewhere, the image's size, with an alpha channel")
    func hardEdge() throws {
        let coverage = Self.coverage(width: 37, height: 23, painted: (5, 7, 10, 4))
        let png = try MaskEncoder.transparentPNG(width: 37, height: 23, coverage: coverage, feather: 0)
        let decoded = try ImageDecoder.decode(png)
        #expect(decoded.hasAlpha)
        #expect(decoded.image.width == 37 && decoded.image.height == 23)
        for y in 0..<23 {
            for x in 0..<37 {
                let alpha = decoded.image.pixels[(y * 37 + x) * 4 + 3]
                #expect(alpha == (coverage[y * 37 + x] != 0 ? 0 : 255), "pixel \(x),\(y)")
            }
        }
    }

    @Test("a feather of 4 ramps alpha 51, 102, 153, 204 then 255 away from the painted edge; painted stays 0")
    func featherRamp() throws {
        let coverage = Self.coverage(width: 40, height: 20, painted: (10, 0, 5, 20))
        let png = try MaskEncoder.transparentPNG(width: 40, height: 20, coverage: coverage, feather: 4)
        let image = try ImageDecoder.decode(png).image
        func alpha(_ x: Int, _ y: Int) -> UInt8 { image.pixels[(y * 40 + x) * 4 + 3] }
        for y in 0..<20 {
            #expect((10..<15).allSatisfy { alpha($0, y) == 0 })
            #expect([alpha(15, y), alpha(16, y), alpha(17, y), alpha(18, y), alpha(19, y)] == [51, 102, 153, 204, 255])
            #expect([alpha(9, y), alpha(8, y), alpha(7, y), alpha(6, y), alpha(5, y)] == [51, 102, 153, 204, 255])
            #expect(alpha(0, y) == 255 && alpha(39, y) == 255)
        }
    }

    @Test("the black-and-white form is white where painted (A1111, ComfyUI), greys along the feather")
    func blackAndWhite() throws {
        let coverage = Self.coverage(width: 16, height: 8, painted: (4, 2, 4, 4))
        let hard = try ImageDecoder.decode(MaskEncoder.blackAndWhitePNG(width: 16, height: 8, coverage: coverage, feather: 0)).image
        for index in 0..<(16 * 8) {
            let grey = hard.pixels[index * 4]
            #expect(grey == (coverage[index] != 0 ? 255 : 0))
            #expect(hard.pixels[index * 4 + 3] == 255)
        }
        let soft = try ImageDecoder.decode(MaskEncoder.blackAndWhitePNG(width: 16, height: 8, coverage: coverage, feather: 2)).image
        #expect(soft.pixels[(4 * 16 + 8) * 4] == 255 - 85)
    }

    @Test("a mask in OpenAI's form converts to the black-and-white form pixel for pixel: grey = 255 − alpha, colours ignored")
    func convertsTransparentForm() throws {
        let coverage = Self.coverage(width: 24, height: 12, painted: (3, 1, 9, 6))
        let openAI = try ImageDecoder.decode(MaskEncoder.transparentPNG(width: 24, height: 12, coverage: coverage, feather: 3)).image
        // Colours under the alpha must not leak into the grey: paint them red.
        var tinted = openAI.pixels
        for index in 0..<(24 * 12) { tinted[index * 4] = 200 }
        let source = RGBAImage(width: 24, height: 12, pixels: tinted)
        let converted = try ImageDecoder.decode(MaskEncoder.blackAndWhitePNG(fromTransparent: source))
        #expect(converted.image.width == 24 && converted.image.height == 12)
        let direct = try ImageDecoder.decode(MaskEncoder.blackAndWhitePNG(width: 24, height: 12, coverage: coverage, feather: 3)).image
        #expect(converted.image.pixels == direct.pixels)
        #expect(converted.image.pixels[(2 * 24 + 5) * 4] == 255)
        #expect(converted.image.pixels[(11 * 24 + 23) * 4] == 0)
    }
}
