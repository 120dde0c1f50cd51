import EaselCore
import EaselImage
import Foundation
import Hummingbird
import NIOCore

/// OpenAI's streamed generation (`stream: true`) in the sandbox: a `text/event-stream` body
/// with `partial_images` previews per image (`image_generation.partial_image`), then the image
/// itself (`image_generation.completed`, with usage), `interval` seconds apart. The previews
/// are the final painting seen through ever finer grids, so they are deterministic and cheap.
struct OpenAIStreamReply: Sendable {
    let request: ResolvedRequest
    let partials: Int
    let interval: Double
    let state: SandboxState
    /// `image_generation` or `image_edit`: the events' prefix.
    var kind = "image_generation"
    /// Pictures made beforehand (an edit's), instead of painting from the prompt.
    var pictures: [RGBImage]? = nil

    func response() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody { writer in try await self.write(into: &writer) })
    }

    private func write(into writer: inout any ResponseBodyWriter) async throws {
        let sizeText = request[.size]?.textValue ?? "auto"
        let size = pictures?.first.map { ImageSize(width: $0.width, height: $0.height) }
            ?? ImageSize(parsing: sizeText) ?? ImageSize(width: 1024, height: 1024)
        let count = request[.n]?.integerValue ?? 1
        let outputFormat = request[.outputFormat]?.textValue ?? "png"
        let format = ImageFormat(rawValue: outputFormat) ?? .png
        let quality = request[.quality]?.textValue ?? "auto"
        var common: [String: JSONValue] = [
            "created_at": .int(Int(Date().timeIntervalSince1970)), "size": .string(size.description),
            "quality": .string(quality == "auto" ? "medium" : quality),
            "background": .string(request[.background]?.textValue == "transparent" ? "transparent" : "opaque"),
            "output_format": .string(outputFormat),
        ]
        var first = true
        for index in 0..<count {
            let picture = pictures?[index] ?? ImagePainter.paint(
                prompt: request.foldedPrompt, seed: UInt64(index), width: size.width, height: size.height)
            for step in 0..<partials {
                var fields = common
                fields["type"] = .string(kind + ".partial_image")
                fields["partial_image_index"] = .int(step)
                fields["b64_json"] = .string(try Self.encode(Self.preview(of: picture, step: step, of: partials), format))
                try await send(.object(fields), type: kind + ".partial_image", first: &first, into: &writer)
            }
            var fields = common
            fields["type"] = .string(kind + ".completed")
            fields["b64_json"] = .string(try Self.encode(picture, format))
            fields["usage"] = Self.usage(prompt: request.foldedPrompt)
            try await send(.object(fields), type: kind + ".completed", first: &first, into: &writer)
            common["created_at"] = .int(Int(Date().timeIntervalSince1970))
        }
        try await writer.finish(nil)
    }

    private func send(
        _ payload: JSONValue, type: String, first: inout Bool, into writer: inout any ResponseBodyWriter
    ) async throws {
        if !first, interval > 0 { try await Task.sleep(for: .milliseconds(Int64(interval * 1000))) }
        first = false
        let text = "event: \(type)\ndata: \(payload.jsonText)\n\n"
        await state.noteStreamed(type, at: .now)
        try await writer.write(ByteBuffer(string: text))
    }

    /// Step `step` of `steps`: the picture averaged over cells of …32, 16, 8 pixels (the last
    /// preview uses 8) and scaled back up, so each preview is sharper than the one before.
    static func preview(of picture: RGBImage, step: Int, of steps: Int) -> RGBImage {
        let cell = 1 << (3 + max(0, steps - 1 - step))
        let small = picture.thumbnail(maxSide: max(1, max(picture.width, picture.height) / cell))
        return small.resized(width: picture.width, height: picture.height)
    }

    static func encode(_ picture: RGBImage, _ format: ImageFormat) throws -> String {
        let bytes: [UInt8]
        switch format {
        case .jpeg: bytes = try JPEGEncoder.encode(picture, quality: 90)
        case .webp: bytes = try WebPEncoder.encode(picture, quality: 85)
        case .png: bytes = try PNGEncoder.encode(picture)
        }
        return Data(bytes).base64EncodedString()
    }

    /// `ImagesUsage` for one image, counted the way the non-streamed reply counts it.
    static func usage(prompt: String) -> JSONValue {
        let promptTokens = max(1, prompt.split(separator: " ").count * 4 / 3)
        let imageTokens = 272
        return .object([
            "input_tokens": .int(promptTokens), "output_tokens": .int(imageTokens),
            "total_tokens": .int(promptTokens + imageTokens),
            "input_tokens_details": .object(["text_tokens": .int(promptTokens), "image_tokens": .int(0)]),
        ])
    }
}
