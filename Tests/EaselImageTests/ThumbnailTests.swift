import Testing
@testable import EaselImage

@Suite("Thumbnails")
struct ThumbnailTests {
    /// A single-channel-looking image: every pixel is (v, v, v).
    private func gray(_ values: [UInt8], width: Int) -> RGBImage {
        RGBImage(width: width, height: values.count / width, pixels: values.flatMap { [$0, $0, $0] })
    }

    @Test("2×2 blocks average exactly")
    func evenBlocks() {
        let image = gray([10, 20, 100, 200, 30, 40, 0, 4], width: 4)
        let thumbnail = image.thumbnail(maxSide: 2)
        #expect(thumbnail == gray([25, 76], width: 2))
    }

    @Test("fractional coverage is weighted by area")
    func fractionalBlocks() {
        // 3 → 2 columns: each output takes one whole pixel and half of the middle one.
        let thumbnail = gray([0, 30, 90], width: 3).thumbnail(maxSide: 2)
        #expect(thumbnail == gray([10, 70], width: 2))
    }

    @Test("channels are averaged independently")
    func channels() {
        let image = RGBImage(width: 2, height: 1, pixels: [255, 0, 10, 0, 255, 20])
        #expect(image.thumbnail(maxSide: 1).pixels == [128, 128, 15])
    }

    @Test("aspect ratio is kept and the longer side hits maxSide", arguments: [
        (1000, 500, 100, 100, 50), (500, 1000, 100, 50, 100), (1792, 1024, 256, 256, 146), (3, 10, 4, 1, 4), (640, 480, 1, 1, 1),
    ])
    func dimensions(width: Int, height: Int, maxSide: Int, expectedWidth: Int, expectedHeight: Int) {
        let image = RGBImage(width: width, height: height, pixels: [UInt8](repeating: 7, count: width * height * 3))
        let thumbnail = image.thumbnail(maxSide: maxSide)
        #expect(thumbnail.width == expectedWidth)
        #expect(thumbnail.height == expectedHeight)
        #expect(thumbnail.pixels.allSatisfy { $0 == 7 }, "a flat image must stay flat")
    }

    @Test("never upscales")
    func noUpscale() {
        let image = PNGTestSupport.pattern(width: 30, height: 20)
        #expect(image.thumbnail(maxSide: 30) == image)
        #expect(image.thumbnail(maxSide: 500) == image)
    }

    @Test("a non-positive maxSide gives one averaged pixel")
    func tinyLimit() {
        let thumbnail = gray([0, 100, 200, 100], width: 2).thumbnail(maxSide: 0)
        #expect(thumbnail == gray([100], width: 1))
    }

    @Test("odd ratios keep the overall mean")
    func meanPreserved() {
        let image = ImagePainter.paint(prompt: "mean", seed: 1, width: 97, height: 61)
        let thumbnail = image.thumbnail(maxSide: 13)
        #expect(thumbnail.width == 13)
        #expect(thumbnail.height == 8)
        let sourceMean = Double(image.pixels.reduce(0) { $0 + Int($1) }) / Double(image.pixels.count)
        let thumbnailMean = Double(thumbnail.pixels.reduce(0) { $0 + Int($1) }) / Double(thumbnail.pixels.count)
        #expect(abs(sourceMean - thumbnailMean) < 2)
    }
}
