import EaselImage

/// What a finished generation produced, as `easel generate --json` prints it.
public struct GenerationResult: Sendable, Hashable, Codable {
    public var provider: String
    public var model: String
    public var thread: String?
    public var entry: String?
    public var responseEntry: String?
    public var revisedPrompt: String?
    public var credits: Double?
    public var usage: JSONValue?
    /// The provider's reply without image bytes (filter results, `meta`, revised prompts), kept
    /// with the history entry; nil for flows whose entries the history already holds.
    public var reply: JSONValue?
    public var images: [SavedImage]
    /// What was dropped or folded to fit the model.
    public var notices: [String]
    /// The provider's task, for providers that ran the generation as one (Ace's task mode).
    public var task: RemoteTask?
    /// The prompt parts as they were sent: one folded part for a model without weights, no
    /// negatives for a model without them.
    public var prompts: [PromptPart]?
    /// The prompt parts as composed, when they differ from what was sent.
    public var composedPrompts: [PromptPart]?
    /// The seed the server used: as it reported it, else as it was sent; nil when unknown.
    public var seed: Int?
    /// Edit or variation; nil for a generation.
    public var operation: ImageOperation?
    /// The images an edit or variation worked on, in the order sent.
    public var inputs: [InputImage]?
    /// The mask over the first input.
    public var mask: InputImage?
    /// The history entry the first input came from (the parent in the lineage), when known.
    public var parent: Int64?
    /// Each image's seed as the server reported it (A1111's `all_seeds`), for its file's record.
    public var imageSeeds: [Int?]? = nil
    /// Each image's parameters in the server's own words (A1111's `infotexts`), written into its
    /// file instead of the infotext Easel would compose. Both stay out of the JSON: the reply
    /// holds the server's `info` verbatim.
    public var serverInfotexts: [String?]? = nil

    /// Creates a result.
    public init(
        provider: String, model: String, thread: String? = nil, entry: String? = nil, responseEntry: String? = nil,
        revisedPrompt: String? = nil, credits: Double? = nil, usage: JSONValue? = nil, reply: JSONValue? = nil,
        images: [SavedImage], notices: [String] = []
    ) {
        self.provider = provider
        self.model = model
        self.thread = thread
        self.entry = entry
        self.responseEntry = responseEntry
        self.revisedPrompt = revisedPrompt
        self.credits = credits
        self.usage = usage
        self.reply = reply
        self.images = images
        self.notices = notices
    }

    enum CodingKeys: String, CodingKey {
        case provider, model, thread, entry, credits, usage, reply, images, notices
        case responseEntry = "response_entry"
        case task, prompts, seed, operation, inputs, mask, parent
        case composedPrompts = "composed_prompts"
        case revisedPrompt = "revised_prompt"
    }
}
