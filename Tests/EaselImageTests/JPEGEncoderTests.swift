import CEaselJPEGShim
import Testing
@testable import EaselImage

/// Decodes through the shim's capped decoder; returns the status and message on failure.
private func decodeJPEG(_ bytes: [UInt8], maxPixels: Int = 1 << 26) -> Result<RGBImage, JPEGTestFailure> {
    var pixels: UnsafeMutablePointer<UInt8>? = nil
    var width: Int32 = 0
    var height: Int32 = 0
    let capacity = Int(EASEL_JPEG_MESSAGE_CAPACITY)
    var message = [CChar](repeating: 0, count: capacity)
    let status = bytes.withUnsafeBufferPointer { jpeg in
        easel_jpeg_decompress_rgb(jpeg.baseAddress, jpeg.count, maxPixels, &pixels, &width, &height, &message, capacity)
    }
    defer { easel_jpeg_free(pixels) }
    guard status == EASEL_JPEG_OK, let pixels else {
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .failure(JPEGTestFailure(status: status, message: text))
    }
    let count = Int(width) * Int(height) * 3
    return .success(RGBImage(width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: pixels, count: count))))
}

private struct JPEGTestFailure: Error {
    var status: easel_jpeg_status
    var message: String
}

/// Mean absolute per-channel difference between two same-sized images.
private func meanError(_ a: RGBImage, _ b: RGBImage) -> Double {
    let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
    return Double(total) / Double(a.pixels.count)
}

/// Width and height from the first SOF marker, walking the marker segments.
private func frameSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
    var offset = 2
    while offset + 9 < bytes.count, bytes[offset] == 0xFF {
        let marker = bytes[offset + 1]
        let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        if (0xC0...0xC2).contains(marker) {
            let height = Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6])
            let width = Int(bytes[offset + 7]) << 8 | Int(bytes[offset + 8])
            return (width, height)
        }
        offset += 2 + length
    }
    return nil
}

@Suite("JPEG encoding")
struct JPEGEncoderTests {
    let painting = ImagePainter.paint(prompt: "misty valley", seed: 11, width: 203, height: 117)

    @Test("starts with SOI, ends with EOI, and SOF carries the size")
    func markers() throws {
        let bytes = try JPEGEncoder.encode(painting)
        #expect(bytes.prefix(2) == [0xFF, 0xD8])
        #expect(bytes.suffix(2) == [0xFF, 0xD9])
        let size = try #require(frameSize(bytes))
        #expect(size.width == 203)
        #expect(size.height == 117)
    }

    @Test("decodes to pixels close to the source")
    func roundTripIsClose() throws {
        let decoded = try decodeJPEG(try JPEGEncoder.encode(painting, quality: 90)).get()
        #expect(decoded.width == painting.width)
        #expect(decoded.height == painting.height)
        #expect(meanError(decoded, painting) < 4)
    }

    @Test("higher quality costs bytes and buys accuracy")
    func qualityMatters() throws {
        let low = try JPEGEncoder.encode(painting, quality: 20)
        let high = try JPEGEncoder.encode(painting, quality: 95)
        #expect(low.count < high.count)
        #expect(meanError(try decodeJPEG(low).get(), painting) > meanError(try decodeJPEG(high).get(), painting))
    }

    @Test("a 1×1 image encodes")
    func singlePixel() throws {
        let pixel = RGBImage(width: 1, height: 1, pixels: [200, 40, 90])
        let decoded = try decodeJPEG(try JPEGEncoder.encode(pixel, quality: 100)).get()
        #expect(meanError(decoded, pixel) < 3)
    }

    @Test("out-of-range quality is refused", arguments: [0, -5, 101])
    func badQuality(quality: Int) {
        #expect(throws: ImageEncodingError.invalidQuality(quality)) {
            try JPEGEncoder.encode(painting, quality: quality)
        }
    }

    @Test("empty and oversized images are refused")
    func badSizes() {
        #expect(throws: ImageEncodingError.emptyImage(width: 3, height: 0)) {
            try JPEGEncoder.encode(RGBImage(width: 3, height: 0, pixels: []))
        }
        let wide = RGBImage(width: 65_501, height: 1, pixels: [UInt8](repeating: 0, count: 65_501 * 3))
        #expect(throws: ImageEncodingError.imageTooLarge(width: 65_501, height: 1, format: "JPEG")) {
            try JPEGEncoder.encode(wide)
        }
    }

    @Test("the shim turns a libjpeg error into a status and message instead of exiting")
    func corruptInputReturnsError() {
        guard case .failure(let failure) = decodeJPEG([0xFF, 0xD8, 0xFF, 0x00, 0x12, 0x34]) else {
            Issue.record("garbage decoded successfully")
            return
        }
        #expect(failure.status == EASEL_JPEG_LIBRARY_ERROR)
        #expect(!failure.message.isEmpty)
    }

    @Test("the shim refuses images above the pixel cap before decoding them")
    func pixelCap() throws {
        let bytes = try JPEGEncoder.encode(painting)
        #expect(throws: Never.self) { try decodeJPEG(bytes, maxPixels: 203 * 117).get() }
        guard case .failure(let failure) = decodeJPEG(bytes, maxPixels: 203 * 117 - 1) else {
            Issue.record("cap was ignored")
            return
        }
        #expect(failure.status == EASEL_JPEG_TOO_MANY_PIXELS)
        #expect(failure.message.contains("203x117"))
    }
}
