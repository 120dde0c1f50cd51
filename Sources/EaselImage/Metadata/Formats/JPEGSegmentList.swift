/// The marker segments of a JPEG before its image data, located in the original bytes and
/// checked: SOI first, every length in bounds, a start-of-scan present.
///
/// Everything from the start-of-scan on is entropy-coded data (plus any later markers), which
/// metadata writing copies unchanged.
struct JPEGSegmentList {
    /// One marker segment.
    struct Segment {
        /// The marker byte, e.g. 0xE0 for APP0, 0xE1 for APP1.
        var marker: UInt8
        /// The whole segment, including any fill bytes before the marker.
        var range: Range<Int>
        /// The payload after the two length bytes (empty for standalone markers).
        var payloadRange: Range<Int>
    }

    /// Segments between SOI and the first SOS, in order.
    let segments: [Segment]
    /// Where the first SOS marker segment starts; from here on the bytes are copied as they are.
    let scanStart: Int

    /// Walks `bytes`, throwing `.malformedJPEG` at the first structural problem.
    init(_ bytes: [UInt8]) throws(ImageMetadataError) {
        guard bytes.starts(with: [0xFF, 0xD8]) else { throw .malformedJPEG("the start-of-image marker is missing") }
        var segments: [Segment] = []
        var offset = 2
        let all = bytes[...]
        while true {
            let start = offset
            guard offset < bytes.count, bytes[offset] == 0xFF else {
                throw .malformedJPEG(offset >= bytes.count ? "the file ends before the image data" : "a marker is missing at byte \(offset)")
            }
            // Any number of 0xFF fill bytes may precede a marker.
            while offset < bytes.count, bytes[offset] == 0xFF { offset += 1 }
            guard offset < bytes.count else { throw .malformedJPEG("the file ends before the image data") }
            let marker = bytes[offset]
            offset += 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                // Standalone markers (TEM, RSTn) carry no length.
                segments.append(Segment(marker: marker, range: start..<offset, payloadRange: offset..<offset))
                continue
            case 0xD8, 0xD9, 0x00:
                throw .malformedJPEG("an unexpected marker 0x\(String(marker, radix: 16, uppercase: true)) comes before the image data")
            default:
                break
            }
            guard let length = ByteOrder.bigEndian.uint16(all, at: offset), length >= 2,
                length <= bytes.count - offset
            else { throw .malformedJPEG("a segment (marker 0x\(String(marker, radix: 16, uppercase: true))) is truncated") }
            if marker == 0xDA {
                segments.append(Segment(marker: marker, range: start..<(offset + length), payloadRange: (offset + 2)..<(offset + length)))
                self.segments = Array(segments.dropLast())
                self.scanStart = start
                return
            }
            segments.append(Segment(marker: marker, range: start..<(offset + length), payloadRange: (offset + 2)..<(offset + length)))
            offset += length
        }
    }
}
