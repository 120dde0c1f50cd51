import Testing
@testable import EaselImage

@Suite("JPEG decoding details")
struct JPEGDecodingTests {
    @Test("CMYK without Adobe's APP14 marker is read as plain, non-inverted ink amounts")
    func cmykWithoutAdobeMarker() throws {
        let bytes = try DecoderFixtures.bytes("jpeg_cmyk.jpg")
        let app14 = try #require(bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xEE })
        let length = Int(bytes[app14 + 2]) << 8 | Int(bytes[app14 + 3])
        let stripped = Array(bytes[..<app14]) + Array(bytes[(app14 + 2 + length)...])
        let decoded = try ImageDecoder.decode(stripped)
        #expect(decoded.details == "baseline CMYK")
        // Pillow stored 255 − ink; read as ink, (0, 200, 200, 20) becomes (255, 55, 55, 235), so
        // red = (255 − 255)(255 − 235)/255 = 0 and green = blue = 200 × 20 / 255 ≈ 16.
        let pixel = Array(decoded.image.pixels[(2 * 32 + 2) * 4..<((2 * 32 + 2) * 4 + 3)])
        #expect(pixel.map(Int.init).enumerated().allSatisfy { abs($0.element - [0, 16, 16][$0.offset]) <= 3 }, "\(pixel)")
    }

    @Test("progressive files with more scans than allowed are refused")
    func scanCap() throws {
        let bytes = try DecoderFixtures.bytes("jpeg_progressive.jpg")
        #expect(throws: ImageDecodingError.corrupt(.jpeg, "the JPEG has more than 2 scans")) {
            try JPEGReader.decode(bytes, limits: .standard, maxScans: 2)
        }
        #expect(try JPEGReader.decode(bytes, limits: .standard, maxScans: 20).image.width == 32)
    }
}
