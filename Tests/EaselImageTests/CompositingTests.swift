import Testing
@testable import EaselImage

@Suite("Compositing over a background")
struct CompositingTests {
    @Test("blends in linear light", arguments: [
        // (r, g, b, a) over background → expected
        ([200, 10, 99, 255], (0, 0, 0), [200, 10, 99]),  // opaque: untouched
        ([200, 10, 99, 0], (1, 2, 3), [1, 2, 3]),  // transparent: exactly the background
        ([255, 255, 255, 128], (0, 0, 0), [188, 188, 188]),  // half white over black: linear mid grey
        ([200, 200, 200, 128], (40, 40, 40), [149, 149, 149]),
        ([0, 0, 0, 64], (255, 255, 255), [224, 224, 224]),
    ] as [([UInt8], (UInt8, UInt8, UInt8), [UInt8])])
    func blend(pixel: [UInt8], background: (UInt8, UInt8, UInt8), expected: [UInt8]) {
        let image = RGBAImage(width: 1, height: 1, pixels: pixel)
        let flat = image.composited(over: (red: background.0, green: background.1, blue: background.2))
        #expect(flat == RGBImage(width: 1, height: 1, pixels: expected))
    }

    @Test("opaque pixels of every value come out bit-identical")
    func opaqueIsIdentity() {
        let values = (0..<256).map(UInt8.init)
        let image = RGBAImage(width: 256, height: 1, pixels: values.flatMap { [$0, 255 - $0, $0 / 2, 255] })
        let flat = image.composited(over: (red: 7, green: 8, blue: 9))
        #expect(flat.pixels == values.flatMap { [$0, 255 - $0, $0 / 2] })
        #expect(image.isOpaque)
    }

    @Test("an opaque RGBA copy of an RGB image composites back to itself")
    func roundTrip() {
        let image = PNGTestSupport.pattern(width: 9, height: 4)
        #expect(RGBAImage(opaque: image).composited(over: (red: 0, green: 0, blue: 0)) == image)
    }
}
