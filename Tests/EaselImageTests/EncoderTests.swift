import CEaselJPEGShim
import CPNG
import EaselImage
import Testing

/// PNG and JPEG bytes decode back to what was encoded; painting is deterministic.
struct EncoderTests {
    func gradient(_ width: Int, _ height: Int) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { pixels += [UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)), 77] }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Decodes a PNG with libpng's simplified read API.
    func decodePNG(_ bytes: [UInt8]) -> RGBImage? {
        var control = png_image()
        control.version = UInt32(PNG_IMAGE_VERSION)
        let began = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&control, $0.baseAddress, $0.count) }
        guard began != 0 else { return nil }
        control.format = UInt32(PNG_FORMAT_RGB)
        var pixels = [UInt8](repeating: 0, count: Int(control.width) * Int(control.height) * 3)
        let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&control, nil, $0.baseAddress, 0, nil) }
        guard finished != 0 else { return nil }
        return RGBImage(width: Int(control.width), height: Int(control.height), pixels: pixels)
    }

    @Test func pngRoundTripsExactly() throws {
        let image = gradient(37, 19)
        let bytes = try PNGEncoder.encode(image)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        #expect(decodePNG(bytes) == image)
    }

    @Test func pngTextChunksFollowIHDRWithValidCRCs() throws {
        let bytes = try PNGEncoder.encode(gradient(4, 4), textChunks: [("parameters", "a cat\nSteps: 20"), ("easel", "☕ json")])
        var offset = 8
        var chunks: [(String, [UInt8])] = []
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            let stored = bytes[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(stored == crc32(Array(bytes[(offset + 4)..<(offset + 8 + length)])), "CRC of \(type)")
            chunks.append((type, data))
            offset += 12 + length
        }
        #expect(chunks.map(\.0).prefix(3) == ["IHDR", "tEXt", "iTXt"])
        #expect(chunks[1].1 == Array("parameters".utf8) + [0] + Array("a cat\nSteps: 20".utf8))
        #expect(chunks.last?.0 == "IEND")
        #expect(decodePNG(bytes)?.width == 4)
        #expect(throws: ImageEncodingError.invalidTextKeyword(" lead")) { try PNGEncoder.encode(gradient(1, 1), textChunks: [(" lead", "x")]) }
    }

    @Test func jpegCarriesItsSizeAndDecodesClose() throws {
        let image = gradient(64, 40)
        let bytes = try JPEGEncoder.encode(image, quality: 95)
        #expect(Array(bytes.prefix(2)) == [0xFF, 0xD8])
        var out: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0
        var height: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer {
            easel_jpeg_decompress_rgb($0.baseAddress, $0.count, 1 << 20, &out, &width, &height, &message, message.count)
        }
        #expect(status == EASEL_JPEG_OK)
        #expect(width == 64 && height == 40)
        let decoded = Array(UnsafeBufferPointer(start: out, count: Int(width * height * 3)))
        easel_jpeg_free(out)
        let error = zip(decoded, image.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / decoded.count
        #expect(error < 4)
        #expect(throws: ImageEncodingError.invalidQuality(0)) { try JPEGEncoder.encode(image, quality: 0) }
    }

    @Test func corruptJPEGIsAnErrorNotACrash() {
        let garbage: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0, 3, 1, 2, 3]
        var out: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0
        var height: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = garbage.withUnsafeBufferPointer {
            easel_jpeg_decompress_rgb($0.baseAddress, $0.count, 1 << 20, &out, &width, &height, &message, message.count)
        }
        #expect(status != EASEL_JPEG_OK)
        #expect(message.first != 0)
    }

    @Test func paintingIsDeterministicAndFollowsThePrompt() {
        let first = ImagePainter.paint(prompt: "a red fox", seed: 0, width: 96, height: 64)
        #expect(first == ImagePainter.paint(prompt: "a red fox", seed: 0, width: 96, height: 64))
        #expect(first != ImagePainter.paint(prompt: "a blue whale", seed: 0, width: 96, height: 64))
        #expect(first != ImagePainter.paint(prompt: "a red fox", seed: 1, width: 96, height: 64))
        #expect(first.pixels.count == 96 * 64 * 3)
        #expect(ImagePainter.paint(prompt: "", seed: 0, width: 1, height: 1).pixels.count == 3)
    }

    @Test func thumbnailsAverageAndKeepTheAspect() {
        let checker = RGBImage(width: 4, height: 2, pixels: [
            0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255,
            255, 255, 255, 0, 0, 0, 255, 255, 255, 0, 0, 0,
        ])
        let small = checker.thumbnail(maxSide: 2)
        #expect(small.width == 2 && small.height == 1)
        #expect(small.pixels.allSatisfy { (126...129).contains($0) })
        let big = gradient(10, 5)
        #expect(big.thumbnail(maxSide: 100) == big)
    }

    func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
