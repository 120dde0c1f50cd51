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
    public var images: [SavedImage]
    /// What was dropped or folded to fit the model.
    public var notices: [String]

    enum CodingKeys: String, CodingKey {
        case provider, model, thread, entry, credits, usage, images, notices
        case responseEntry = "response_entry"
        case revisedPrompt = "revised_prompt"
    }
}
