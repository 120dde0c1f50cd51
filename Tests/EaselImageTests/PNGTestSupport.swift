import CPNG
@testable import EaselImage

/// What libpng's simplified reader made of a PNG stream.
struct DecodedPNG {
    var image: RGBImage
    /// `PNG_IMAGE_WARNING` when libpng complained (for example about a bad chunk CRC).
    var warningOrError: UInt32
    var message: String
}

/// One chunk as it sits in a PNG stream, with the CRC it claims.
struct RawPNGChunk {
    var type: String
    var data: [UInt8]
    var storedCRC: UInt32
}

enum PNGTestSupport {
    /// Decodes with libpng's simplified API so the test does not trust our own code.
    static func decode(_ bytes: [UInt8]) -> DecodedPNG? {
        var control = png_image()
        control.version = UInt32(PNG_IMAGE_VERSION)
        // libpng reads from the caller's memory during finish_read, so both calls share one borrow.
        let pixels: [UInt8]? = bytes.withUnsafeBytes { raw in
            guard png_image_begin_read_from_memory(&control, raw.baseAddress, raw.count) != 0 else {
                return nil
            }
            control.format = UInt32(PNG_FORMAT_RGB)
            var pixels = [UInt8](repeating: 0, count: Int(control.width) * Int(control.height) * 3)
            let finished = pixels.withUnsafeMutableBytes { out in
                png_image_finish_read(&control, nil, out.baseAddress, 0, nil)
            }
            return finished != 0 ? pixels : nil
        }
        let message = withUnsafeBytes(of: &control.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        png_image_free(&control)
        guard let pixels else { return nil }
        return DecodedPNG(
            image: RGBImage(width: Int(control.width), height: Int(control.height), pixels: pixels),
            warningOrError: control.warning_or_error, message: message)
    }

    /// Splits a PNG stream into chunks; nil if the framing is broken.
    static func chunks(_ bytes: [UInt8]) -> [RawPNGChunk]? {
        guard bytes.starts(with: PNGEncoder.signature) else { return nil }
        var chunks: [RawPNGChunk] = []
        var offset = 8
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else { return nil }
            let length = Int(bigEndian(bytes, at: offset))
            guard offset + 12 + length <= bytes.count else { return nil }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            chunks.append(RawPNGChunk(type: type, data: data, storedCRC: bigEndian(bytes, at: offset + 8 + length)))
            offset += 12 + length
        }
        return chunks
    }

    static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A bit-at-a-time CRC-32, written independently of the table-driven one under test.
    static func slowCRC32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    /// A small image whose every byte differs from its neighbours, so mix-ups show.
    static func pattern(width: Int, height: Int) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8((x * 37 + y * 11) & 0xFF), UInt8((x * 5 + y * 71) & 0xFF), UInt8((x ^ y) & 0xFF)]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
