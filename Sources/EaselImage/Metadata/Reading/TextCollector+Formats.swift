extension TextCollector {
    /// PNG: `tEXt`, `zTXt` and `iTXt` chunks (compressed or not) and `eXIf`.
    mutating func collectPNG(_ bytes: [UInt8]) throws(ImageMetadataError) {
        let list = try PNGChunkList(bytes)
        for chunk in list.chunks {
            let data = bytes[chunk.dataRange]
            switch chunk.type {
            case "tEXt", "zTXt", "iTXt":
                guard let keyword = PNGChunkList.textKeyword(of: chunk, in: bytes) else {
                    problems.append("a \(chunk.type) chunk has no keyword")
                    continue
                }
                let rest = data.dropFirst(keyword.unicodeScalars.count + 1)
                if let text = try pngText(type: chunk.type, keyword: keyword, body: rest) {
                    entries.append(.init(keyword: keyword, text: text, container: chunk.type))
                }
            case "eXIf":
                addExif(data)
            default:
                continue
            }
        }
    }

    /// The text of a text chunk after its keyword; nil (with a problem noted) when the
    /// chunk's header is cut short.
    private mutating func pngText(
        type: String, keyword: String, body: ArraySlice<UInt8>
    ) throws(ImageMetadataError) -> String? {
        switch type {
        case "tEXt":
            return latin1(body)
        case "zTXt":
            guard let method = body.first else {
                problems.append("the zTXt chunk “\(UntrustedText.sanitized(keyword))” is cut short")
                return nil
            }
            return latin1(try inflate(body.dropFirst(), method: method, keyword: keyword))
        default:
            // iTXt: compression flag, method, language tag\0, translated keyword\0, UTF-8 text.
            guard body.count >= 2, let languageEnd = body.dropFirst(2).firstIndex(of: 0),
                let translatedEnd = body[(languageEnd + 1)...].firstIndex(of: 0)
            else {
                problems.append("the iTXt chunk “\(UntrustedText.sanitized(keyword))” is cut short")
                return nil
            }
            let text = body[(translatedEnd + 1)...]
            let compressed = body[body.startIndex] != 0
            let raw = compressed ? try inflate(text, method: body[body.startIndex + 1], keyword: keyword)[...] : text
            return String(decoding: raw, as: UTF8.self)
        }
    }

    private mutating func inflate(
        _ data: ArraySlice<UInt8>, method: UInt8, keyword: String
    ) throws(ImageMetadataError) -> ArraySlice<UInt8> {
        let shown = UntrustedText.sanitized(keyword)
        // Method 0 (zlib deflate) is the only one PNG defines.
        guard method == 0 else { throw .corruptCompressedText(keyword: shown) }
        do {
            return try inflater.inflate(data)[...]
        } catch .tooLarge {
            throw .inflatedTextTooLarge(keyword: shown, limit: ImageMetadataReader.inflateLimit)
        } catch {
            throw .corruptCompressedText(keyword: shown)
        }
    }

    private func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// JPEG: Exif and XMP APP1 segments and COM comments before the image data.
    mutating func collectJPEG(_ bytes: [UInt8]) throws(ImageMetadataError) {
        let list = try JPEGSegmentList(bytes)
        for segment in list.segments {
            let payload = bytes[segment.payloadRange]
            if segment.marker == 0xE1, payload.starts(with: Array("Exif".utf8) + [0]) {
                addExif(payload.dropFirst(ExifBlock.jpegPrefix.count))
            } else if segment.marker == 0xE1, payload.starts(with: XMPPacket.jpegPrefix) {
                addXMP(payload.dropFirst(XMPPacket.jpegPrefix.count))
            } else if segment.marker == 0xFE {
                entries.append(.init(keyword: "Comment", text: ExifBlock.decodeText(payload), container: "COM"))
            }
        }
    }

    /// WebP: the `EXIF` and `XMP ` chunks.
    mutating func collectWebP(_ bytes: [UInt8]) throws(ImageMetadataError) {
        let list = try RIFFChunkList(bytes)
        for chunk in list.chunks {
            let payload = bytes[chunk.payloadRange]
            switch chunk.fourCC {
            case "EXIF":
                // The WebP container spec has no `Exif\0\0` prefix, but some writers add one.
                let prefixed = payload.starts(with: ExifBlock.jpegPrefix)
                addExif(prefixed ? payload.dropFirst(ExifBlock.jpegPrefix.count) : payload)
            case "XMP ":
                addXMP(payload)
            default:
                continue
            }
        }
    }
}
