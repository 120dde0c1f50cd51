/// The provider-neutral name of a generation setting. The catalog maps each to its wire field
/// (for example `size` is `resolution` and `n` is `images` on ai-client's Stable Diffusion).
public struct SettingName: RawRepresentable, Sendable, Hashable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: SettingName, rhs: SettingName) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let engine: SettingName = "engine"
    public static let size: SettingName = "size"
    public static let n: SettingName = "n"
    public static let quality: SettingName = "quality"
    public static let style: SettingName = "style"
    public static let steps: SettingName = "steps"
    public static let responseFormat: SettingName = "response_format"
    public static let background: SettingName = "background"
    public static let outputFormat: SettingName = "output_format"
    public static let outputCompression: SettingName = "output_compression"
    public static let moderation: SettingName = "moderation"
    public static let user: SettingName = "user"
    /// OpenAI GPT image models: answer as server-sent events, with partial images on the way.
    public static let stream: SettingName = "stream"
    public static let partialImages: SettingName = "partial_images"
    /// The noise seed, where the wire format has one (LocalAI-style compatible servers).
    public static let seed: SettingName = "seed"
    /// The local backends' sampling knobs: guidance scale, sampler, noise schedule, checkpoint.
    public static let cfgScale: SettingName = "cfg_scale"
    public static let sampler: SettingName = "sampler"
    public static let scheduler: SettingName = "scheduler"
    public static let checkpoint: SettingName = "checkpoint"
    /// How much of an input image is repainted (ComfyUI `denoise`, A1111 `denoising_strength`).
    public static let denoise: SettingName = "denoise"
    /// Ace Data Cloud: run the generation as a task (polled, or called back) instead of holding
    /// the request open. Easel's own setting, never sent as a field.
    public static let async: SettingName = "async"
}
