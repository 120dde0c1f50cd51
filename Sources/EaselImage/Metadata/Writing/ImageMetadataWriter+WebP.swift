internal import CWebP

extension ImageMetadataWriter {
    /// Sets the `EXIF` chunk (infotext as UserComment, the same TIFF block as in JPEG without
    /// the `Exif\0\0` prefix) and the `XMP ` chunk (the record) through libwebpmux, which
    /// replaces existing chunks of those kinds, turns a simple VP8/VP8L file into the extended
    /// VP8X layout and sets the VP8X flags. The image bitstream is carried over untouched.
    static func embedWebP(infotext: String, recordJSON: String, into bytes: [UInt8]) throws(ImageMetadataError) -> [UInt8] {
        // Our own walk first, for a clear message; libwebpmux then checks the rest.
        _ = try RIFFChunkList(bytes)
        let exif = ExifBlock.tiff(userComment: infotext).bytes
        let xmp = XMPPacket.packet(recordJSON: recordJSON)

        let mux: OpaquePointer? = bytes.withUnsafeBufferPointer { source in
            var data = WebPData(bytes: source.baseAddress, size: source.count)
            return WebPMuxCreate(&data, 1)
        }
        guard let mux else { throw .malformedWebP("libwebpmux could not parse it") }
        defer { WebPMuxDelete(mux) }
        for (fourCC, payload) in [("EXIF", exif), ("XMP ", xmp)] {
            let status = payload.withUnsafeBufferPointer { source in
                var data = WebPData(bytes: source.baseAddress, size: source.count)
                return WebPMuxSetChunk(mux, fourCC, &data, 1)
            }
            guard status == WEBP_MUX_OK else { throw .malformedWebP("libwebpmux refused the \(fourCC) chunk (\(status.rawValue))") }
        }
        var assembled = WebPData()
        WebPDataInit(&assembled)
        defer { WebPDataClear(&assembled) }
        let status = WebPMuxAssemble(mux, &assembled)
        guard status == WEBP_MUX_OK, let start = assembled.bytes else {
            throw .malformedWebP("libwebpmux could not assemble it (\(status.rawValue))")
        }
        return Array(UnsafeBufferPointer(start: start, count: assembled.size))
    }
}
