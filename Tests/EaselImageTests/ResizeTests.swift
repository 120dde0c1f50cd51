import Foundation
import Testing
@testable import EaselImage

@Suite("Linear-light resizing")
struct ResizeTests {
    /// Every pixel (v, v, v).
    private func grey(_ values: [UInt8], width: Int) -> RGBImage {
        RGBImage(width: width, height: values.count / width, pixels: values.flatMap { [$0, $0, $0] })
    }

    @Test("a uniform image stays exactly uniform when shrinking, enlarging or both", arguments: [
        (37, 23, 5, 4), (3, 2, 11, 7), (40, 3, 7, 9), (1, 1, 1, 5), (1024, 3, 90, 2),
    ])
    func uniform(width: Int, height: Int, targetWidth: Int, targetHeight: Int) {
        for colour: [UInt8] in [[0, 0, 0], [1, 2, 3], [17, 128, 254], [255, 255, 255], [12, 200, 77]] {
            let image = RGBImage(
                width: width, height: height, pixels: (0..<(width * height)).flatMap { _ in colour })
            let resized = image.resized(width: targetWidth, height: targetHeight)
            #expect(resized.width == targetWidth && resized.height == targetHeight)
            #expect(resized.pixels == (0..<(targetWidth * targetHeight)).flatMap { _ in colour }, "colour \(colour)")
        }
    }

    @Test("black and white average to linear mid grey 188, not sRGB 128")
    func linearAverage() {
        #expect(grey([0, 255], width: 2).resized(width: 1, height: 1) == grey([188], width: 1))
    }

    @Test("enlarging 1×1 repeats the pixel")
    func enlargeSingle() {
        let pixel = RGBImage(width: 1, height: 1, pixels: [9, 140, 250])
        #expect(pixel.resized(width: 3, height: 3).pixels == [UInt8](repeating: 0, count: 9).indices.flatMap { _ in [9, 140, 250] })
    }

    @Test("known values", arguments: [
        // 3 → 2: each output takes one whole pixel and half of the middle one, in linear light.
        ([0, 128, 255], 3, 1, 2, 1, [76, 223]),
        // 2 → 3: the middle output straddles both pixels equally.
        ([0, 255], 2, 1, 3, 1, [0, 188, 255]),
        // Shrink across, enlarge down: every row is the same pair of averages.
        ([10, 200, 60, 250], 4, 1, 2, 3, [147, 188, 147, 188, 147, 188]),
        // Columns work the same as rows.
        ([0, 255], 1, 2, 1, 3, [0, 188, 255]),
    ] as [([UInt8], Int, Int, Int, Int, [UInt8])])
    func knownValues(values: [UInt8], width: Int, height: Int, targetWidth: Int, targetHeight: Int, expected: [UInt8]) {
        #expect(grey(values, width: width).resized(width: targetWidth, height: targetHeight) == grey(expected, width: targetWidth))
    }

    @Test("the same size is the identity and zero sizes give empty images")
    func edgeSizes() {
        let image = PNGTestSupport.pattern(width: 7, height: 5)
        #expect(image.resized(width: 7, height: 5) == image)
        #expect(image.resized(width: 0, height: 5) == RGBImage(width: 0, height: 5, pixels: []))
        let empty = RGBImage(width: 0, height: 0, pixels: [])
        #expect(empty.resized(width: 2, height: 1) == RGBImage(width: 2, height: 1, pixels: [UInt8](repeating: 0, count: 6)))
    }

    @Test("the linear → sRGB table rounds exactly like the formula")
    func encodingMatchesFormula() {
        func reference(_ value: Double) -> Int {
            let encoded = value <= 0.0031308 ? value * 12.92 : 1.055 * pow(value, 1 / 2.4) - 0.055
            return Int((encoded * 255).rounded())
        }
        SRGBTransfer.withTables { tables in
            for code in 0..<256 {
                #expect(tables.encode(tables.linear[code]) == UInt8(code), "code \(code) must survive a round trip")
            }
            var mismatches = 0
            for step in 0...200_000 {
                let value = Double(step) / 200_000
                let float = Float(value)
                // Skip values whose rounding is decided by the last bits of Float precision.
                let encoded = (value <= 0.0031308 ? value * 12.92 : 1.055 * pow(value, 1 / 2.4) - 0.055) * 255
                if abs(encoded - encoded.rounded(.down) - 0.5) < 1e-4 { continue }
                if Int(tables.encode(float)) != reference(value) { mismatches += 1 }
            }
            #expect(mismatches == 0)
            #expect(tables.encode(-1) == 0 && tables.encode(2) == 255 && tables.encode(.nan) == 0)
        }
    }

    @Test("cropping clips to the image and copies the right rows")
    func crop() {
        let image = PNGTestSupport.pattern(width: 6, height: 4)
        let middle = image.cropped(x: 2, y: 1, width: 3, height: 2)
        #expect(middle.width == 3 && middle.height == 2)
        #expect(Array(middle.pixels[0..<3]) == Array(image.pixels[((1 * 6 + 2) * 3)..<((1 * 6 + 2) * 3 + 3)]))
        #expect(Array(middle.pixels[9..<12]) == Array(image.pixels[((2 * 6 + 2) * 3)..<((2 * 6 + 2) * 3 + 3)]))
        #expect(image.cropped(x: 4, y: 3, width: 10, height: 10) == RGBImage(
            width: 2, height: 1, pixels: Array(image.pixels[((3 * 6 + 4) * 3)...])))
        #expect(image.cropped(x: -3, y: -3, width: Int.max, height: Int.max) == image)
        #expect(image.cropped(x: 10, y: 0, width: 2, height: 2).pixels.isEmpty)
        #expect(image.cropped(x: 1, y: 1, width: -4, height: 2).pixels.isEmpty)
    }
}
