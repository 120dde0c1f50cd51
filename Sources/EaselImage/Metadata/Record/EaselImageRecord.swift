/// Everything Easel knows about how one image was made, stored as JSON in the image itself
/// (PNG `easel` iTXt chunk, JPEG/WebP XMP) so a file carries its own history.
///
/// Plain types only: this module sits below Easel's core, so the caller fills it in.
public struct EaselImageRecord: Codable, Sendable, Equatable {
    /// The record format version this build writes.
    public static let currentFormat = 1

    /// Format marker and version, serialised as `"easel": 1` so the JSON identifies itself.
    public var format: Int
    /// The Easel release that wrote the record, e.g. `"0.4.0"`.
    public var easelVersion: String?
    /// Provider id, e.g. `ai-client`, `openai`, `azure`.
    public var provider: String
    /// Model id, e.g. `dall-e-3`, `gpt-image-1.5`, `stable-diffusion`.
    public var model: String
    /// Prompt parts in order; a negative weight marks a negative prompt part.
    public var prompts: [PromptPart]
    /// Settings in the order Easel shows them (size, steps, seed, style, quality, n, …).
    public var settings: [Setting]
    /// The prompt parts as composed, when they differ from `prompts` (what was sent): a model
    /// without weights or negatives gets them folded or dropped.
    public var composedPrompts: [PromptPart]?
    /// The prompt as the server rewrote it, when it says so (DALL·E 3 does).
    public var revisedPrompt: String?
    /// Server-side thread id, when the provider has threads.
    public var threadID: String?
    /// Server-side entry id within the thread.
    public var entryID: String?
    /// Position of this image among the images of one request (0-based).
    public var imageIndex: Int?
    /// Where the server offered the image for download.
    public var remoteURL: String?
    /// The provider's usage report (tokens and the like) as it came.
    public var usage: JSONValue?
    /// Credits the request cost, when the provider reports credits.
    public var credits: Double?
    /// When the request was made, ISO 8601.
    public var createdAt: String?
    /// When the image was finished, ISO 8601.
    public var finishedAt: String?
    /// `edit` or `variation` for an image made from others; nil for a generation.
    public var operation: String?
    /// SHA-256 (hex) of each input image, in the order sent: their names in Easel's input store.
    public var inputs: [String]?
    /// SHA-256 (hex) of the edit's mask.
    public var mask: String?
    /// The history entry the first input came from (this image's parent), when known.
    public var parentEntry: Int64?

    /// A record with the required fields; set the optional ones as known.
    public init(
        provider: String, model: String, prompts: [PromptPart], settings: [Setting] = [],
        easelVersion: String? = nil, format: Int = EaselImageRecord.currentFormat
    ) {
        self.format = format
        self.easelVersion = easelVersion
        self.provider = provider
        self.model = model
        self.prompts = prompts
        self.settings = settings
    }

    /// One weighted part of the prompt.
    public struct PromptPart: Codable, Sendable, Equatable {
        public var text: String
        /// 1 is neutral; negative weights are negative prompt parts.
        public var weight: Double

        /// A part with weight 1 unless given.
        public init(text: String, weight: Double = 1) {
            self.text = text
            self.weight = weight
        }
    }

    /// One named setting, value as text (e.g. `size` = `1024x1024`).
    public struct Setting: Codable, Sendable, Equatable {
        public var name: String
        public var value: String

        /// A setting from its parts.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The value of the first setting called `name` (compared case-insensitively).
    public func setting(_ name: String) -> String? {
        settings.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// JSON field names: snake_case, and the format version as `easel`.
    enum CodingKeys: String, CodingKey {
        case format = "easel"
        case easelVersion = "easel_version"
        case provider, model, prompts, settings
        case composedPrompts = "composed_prompts"
        case revisedPrompt = "revised_prompt"
        case threadID = "thread_id"
        case entryID = "entry_id"
        case imageIndex = "image_index"
        case remoteURL = "remote_url"
        case usage, credits
        case createdAt = "created_at"
        case finishedAt = "finished_at"
        case operation, inputs, mask
        case parentEntry = "parent_entry"
    }
}
