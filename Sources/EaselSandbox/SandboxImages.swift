import EaselCore
import EaselImage
import Foundation

/// The images of an OpenAI-style reply, painted for a resolved request: each as a URL under
/// `/storage/<folder>/…` or inline, with the bytes at hand for replies that need them raw.
enum SandboxImages {
    struct Item {
        /// `url` or `b64_json`, plus `revised_prompt` for DALL·E 3.
        var fields: [String: JSONValue]
        var bytes: [UInt8]
    }

    static func paint(
        _ request: ResolvedRequest, inline: Bool, folder: String, origin: String, state: SandboxState
    ) async throws -> [Item] {
        let size = ImageSize(parsing: request[.size]?.textValue ?? "") ?? ImageSize(width: 1024, height: 1024)
        let format = ImageFormat(rawValue: request[.outputFormat]?.textValue ?? "png") ?? .png
        let painted = try SandboxPainter.paint(
            prompt: request.foldedPrompt, size: size, count: request[.n]?.integerValue ?? 1, folder: folder,
            origin: origin, format: format, thumbnails: false)
        if !inline {
            await state.store(painted.reduce(into: [:]) { $0.merge($1.files) { new, _ in new } })
        }
        return painted.map { item in
            var fields: [String: JSONValue] =
                inline ? ["b64_json": .string(Data(item.bytes).base64EncodedString())] : ["url": .string(item.image.url)]
            if request.model.id == "dall-e-3" {
                fields["revised_prompt"] = .string("A detailed, vivid rendering of " + request.foldedPrompt)
            }
            return Item(fields: fields, bytes: item.bytes)
        }
    }

    /// Whether a model is one of the GPT image family (inline by default on OpenAI and Azure).
    static func isGPTImage(_ model: String) -> Bool {
        model.hasPrefix("gpt-image") || model.hasPrefix("openai/gpt-image") || model.hasPrefix("chatgpt-image")
    }

    /// OpenAI-style token usage for a GPT image generation.
    static func usage(_ request: ResolvedRequest) -> JSONValue {
        let promptTokens = max(1, request.foldedPrompt.split(separator: " ").count * 4 / 3)
        let imageTokens = 272 * (request[.n]?.integerValue ?? 1)
        return .object([
            "input_tokens": .int(promptTokens), "output_tokens": .int(imageTokens), "total_tokens": .int(promptTokens + imageTokens),
            "input_tokens_details": .object(["text_tokens": .int(promptTokens), "image_tokens": .int(0)]),
        ])
    }
}
