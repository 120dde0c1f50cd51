extension ImageMetadataWriter {
    /// Inserts a `parameters` text chunk and an `easel` iTXt chunk right after IHDR (so
    /// streaming readers meet them before the image data), drops older chunks with either
    /// keyword, and copies every other chunk byte for byte.
    static func embedPNG(infotext: String, recordJSON: String, into bytes: [UInt8]) throws(ImageMetadataError) -> [UInt8] {
        let list = try PNGChunkList(bytes)
        let parameters: PNGTextChunk
        do {
            parameters = try PNGTextChunk(keyword: infotextKeyword, text: infotext)
        } catch {
            throw .invalidText(keyword: infotextKeyword)
        }
        // Always iTXt, uncompressed: UTF-8 JSON that any reader can take without zlib.
        var recordData = Array(recordKeyword.utf8) + [0, 0, 0, 0, 0]
        recordData += recordJSON.utf8

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + parameters.data.count + recordData.count + 24)
        output += PNGEncoder.signature
        for (index, chunk) in list.chunks.enumerated() {
            let keyword = PNGChunkList.textKeyword(of: chunk, in: bytes)
            if keyword == infotextKeyword || keyword == recordKeyword { continue }
            output += bytes[chunk.range]
            if index == 0 {
                output += parameters.serialized
                output += PNGChunkList.serialize(type: "iTXt", data: recordData)
            }
        }
        output += bytes[list.trailing]
        return output
    }
}
