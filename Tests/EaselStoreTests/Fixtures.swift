import EaselCore
import Foundation

/// Requests and folders the store tests share.
enum Fixtures {
    /// A Stable Diffusion request with weighted positive and negative parts and a few settings.
    static func request(_ prompt: String = "a lighthouse at dawn", negative: String? = "blurry") -> GenerationRequest {
        var parts = [PromptPart(prompt, weight: 1), PromptPart("golden light", weight: 0.7)]
        if let negative { parts.append(PromptPart(negative, weight: -1.5)) }
        return GenerationRequest(
            provider: .aiClient, model: "sd_text2img", parts: parts,
            settings: [.engine: .text("sdxl"), .n: .integer(2), .steps: .integer(30), "hires": .boolean(true)])
    }

    /// A fresh empty folder under the temporary directory.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("easel-store-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
