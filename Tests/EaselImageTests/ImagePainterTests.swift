import Testing
@testable import EaselImage

@Suite("Procedural painter")
struct ImagePainterTests {
    /// Mean absolute per-channel difference between two same-sized images.
    private func meanDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
        Double(zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.pixels.count)
    }

    @Test("FNV-1a matches the published test vectors")
    func fnvVectors() {
        #expect(FNV1a.hash(Array("".utf8)) == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a.hash(Array("a".utf8)) == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV1a.hash(Array("foobar".utf8)) == 0x8594_4171_F739_67E8)
    }

    @Test("same inputs paint the same bytes")
    func deterministic() {
        let first = ImagePainter.paint(prompt: "a lighthouse at dusk", seed: 42, width: 160, height: 90)
        let second = ImagePainter.paint(prompt: "a lighthouse at dusk", seed: 42, width: 160, height: 90)
        #expect(first == second)
    }

    @Test("output is pinned, so a change on any machine or compiler shows up here")
    func goldenChecksum() {
        let image = ImagePainter.paint(prompt: "a lighthouse at dusk", seed: 42, width: 48, height: 32)
        #expect(FNV1a.hash(image.pixels) == 0x6735_EF89_F275_A4E4)
    }

    @Test("different prompts and seeds look clearly different")
    func variety() {
        let prompts = ["a lighthouse at dusk", "a lighthouse at dawn", "forest of glass", "neon koi pond", "x"]
        let images = prompts.map { ImagePainter.paint(prompt: $0, seed: 1, width: 64, height: 48) }
        for i in images.indices {
            for j in images.indices where j > i {
                #expect(meanDifference(images[i], images[j]) > 8, "\(prompts[i]) vs \(prompts[j])")
            }
        }
        let reseeded = ImagePainter.paint(prompt: prompts[0], seed: 2, width: 64, height: 48)
        #expect(meanDifference(images[0], reseeded) > 8)
    }

    @Test("a painting is not flat")
    func hasStructure() {
        let image = ImagePainter.paint(prompt: "anything", seed: 9, width: 128, height: 128)
        var distinct = Set<Int>()
        for offset in stride(from: 0, to: image.pixels.count, by: 3) {
            let red = Int(image.pixels[offset]) << 16
            let green = Int(image.pixels[offset + 1]) << 8
            distinct.insert(red | green | Int(image.pixels[offset + 2]))
        }
        #expect(distinct.count > 500)
    }

    @Test("any positive size is honoured", arguments: [(1, 1), (1, 300), (300, 1), (7, 3), (1792, 1024)])
    func sizes(width: Int, height: Int) {
        let image = ImagePainter.paint(prompt: "size", seed: 0, width: width, height: height)
        #expect(image.width == width)
        #expect(image.height == height)
        #expect(image.pixels.count == width * height * 3)
    }

    @Test("non-positive sizes give an empty image instead of trapping")
    func emptySizes() {
        #expect(ImagePainter.paint(prompt: "p", seed: 0, width: 0, height: 10) == RGBImage(width: 0, height: 10, pixels: []))
        #expect(ImagePainter.paint(prompt: "p", seed: 0, width: -4, height: -1) == RGBImage(width: 0, height: 0, pixels: []))
    }

    @Test("empty and unusual prompts still paint")
    func unusualPrompts() {
        for prompt in ["", "🎨🖌️", String(repeating: "long ", count: 2000)] {
            #expect(ImagePainter.paint(prompt: prompt, seed: .max, width: 5, height: 5).pixels.count == 75)
        }
    }
}
