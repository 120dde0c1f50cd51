import CPNG
import Testing
@testable import EaselImage

@Suite("PNG encoding")
struct PNGEncoderTests {
    @Test("starts with the signature and IHDR carries the size")
    func signatureAndHeader() throws {
        let bytes = try PNGEncoder.encode(PNGTestSupport.pattern(width: 300, height: 17))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = try #require(PNGTestSupport.chunks(bytes))
        #expect(chunks.first?.type == "IHDR")
        #expect(chunks.last?.type == "IEND")
        let header = try #require(chunks.first).data
        #expect(PNGTestSupport.bigEndian(header, at: 0) == 300)
        #expect(PNGTestSupport.bigEndian(header, at: 4) == 17)
        #expect(header[8] == 8, "bit depth")
        #expect(header[9] == 2, "colour type RGB")
    }

    @Test("libpng decodes exactly the pixels we encoded", arguments: [(1, 1), (2, 3), (257, 129), (1024, 1)])
    func roundTrip(width: Int, height: Int) throws {
        let image = PNGTestSupport.pattern(width: width, height: height)
        let decoded = try #require(PNGTestSupport.decode(try PNGEncoder.encode(image)))
        #expect(decoded.image == image)
        #expect(decoded.warningOrError == 0)
    }

    @Test("a painted image survives the round trip")
    func paintedRoundTrip() throws {
        let image = ImagePainter.paint(prompt: "harbour at night", seed: 3, width: 320, height: 200)
        let decoded = try #require(PNGTestSupport.decode(try PNGEncoder.encode(image)))
        #expect(decoded.image == image)
    }

    @Test("empty images are refused with a message, not a crash")
    func emptyImage() {
        #expect(throws: ImageEncodingError.emptyImage(width: 0, height: 5)) {
            try PNGEncoder.encode(RGBImage(width: 0, height: 5, pixels: []))
        }
        #expect(ImageEncodingError.emptyImage(width: 0, height: 5).description == "Cannot encode an empty 0×5 image.")
    }

    @Test("the size bound covers what libpng really writes")
    func sizeBoundHolds() throws {
        for (width, height) in [(1, 1), (64, 64), (333, 7)] {
            let bytes = try PNGEncoder.encode(PNGTestSupport.pattern(width: width, height: height))
            #expect(bytes.count <= PNGEncoder.sizeBound(width: width, height: height))
        }
    }
}
