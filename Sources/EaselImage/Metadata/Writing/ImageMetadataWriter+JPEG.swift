extension ImageMetadataWriter {
    /// A JPEG segment's length field counts itself, so a payload holds at most 65 533 bytes.
    static let jpegSegmentPayloadLimit = 65_533

    /// Inserts an Exif APP1 segment (infotext as UserComment) and an XMP APP1 segment (the
    /// record) after SOI and any leading APP0 (JFIF wants to come first), drops earlier Exif
    /// and XMP segments, and copies every other segment and the image data unchanged.
    ///
    /// The infotext is cut to fit its segment when it alone is too long; the XMP packet is
    /// left out when it does not fit. Either way a note says so.
    static func embedJPEG(
        infotext: String, recordJSON: String, into bytes: [UInt8]
    ) throws(ImageMetadataError) -> ImageMetadataEmbedding {
        let list = try JPEGSegmentList(bytes)
        var notes: [ImageMetadataEmbedding.Note] = []

        let tiffLimit = jpegSegmentPayloadLimit - ExifBlock.jpegPrefix.count
        let exif = ExifBlock.tiff(userComment: infotext, maximumSize: tiffLimit)
        if exif.truncated {
            let kept = (exif.bytes.count - ExifBlock.overhead) / 2
            notes.append(.userCommentTruncated(characters: infotext.utf16.count, keptCharacters: kept))
        }
        var inserted = segment(marker: 0xE1, payload: ExifBlock.jpegPrefix + exif.bytes)
        let xmpPayload = XMPPacket.jpegPrefix + XMPPacket.packet(recordJSON: recordJSON)
        if xmpPayload.count <= jpegSegmentPayloadLimit {
            inserted += segment(marker: 0xE1, payload: xmpPayload)
        } else {
            notes.append(.xmpOmitted(bytes: xmpPayload.count, limit: jpegSegmentPayloadLimit))
        }

        var output: [UInt8] = [0xFF, 0xD8]
        output.reserveCapacity(bytes.count + inserted.count)
        let leadingAPP0 = list.segments.prefix { $0.marker == 0xE0 }.count
        for (index, segment) in list.segments.enumerated() {
            if index == leadingAPP0 { output += inserted }
            if segment.marker == 0xE1, isExifOrXMP(bytes[segment.payloadRange]) { continue }
            output += bytes[segment.range]
        }
        if leadingAPP0 == list.segments.count { output += inserted }
        output += bytes[list.scanStart...]
        return ImageMetadataEmbedding(bytes: output, notes: notes)
    }

    /// Exif (`Exif\0` then a pad byte, which some writers get wrong), XMP or extended-XMP
    /// payloads; an extended-XMP part would be orphaned once its main packet is replaced.
    static func isExifOrXMP(_ payload: ArraySlice<UInt8>) -> Bool {
        payload.starts(with: Array("Exif".utf8) + [0]) || payload.starts(with: XMPPacket.jpegPrefix)
            || payload.starts(with: XMPPacket.jpegExtensionPrefix)
    }

    private static func segment(marker: UInt8, payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}
