/// The wire format a provider speaks; the job runner picks its flow by this.
public enum WireFormat: String, Sendable, Hashable, Codable {
    case aiClientThreads = "ai-client-threads"
    case openAIImages = "openai-images"
    /// Ace Data Cloud's OpenAI images proxy: synchronous, or a task polled by id (`--async`).
    case aceDataImages = "acedata-images"
    /// AUTOMATIC1111 / Forge: `POST /sdapi/v1/txt2img`, progress polled from `/sdapi/v1/progress`.
    case a1111 = "a1111"
    /// ComfyUI: a workflow queued with `POST /prompt`, followed over `/ws`, results from `/history`.
    case comfyUI = "comfyui"
    /// stable-diffusion.cpp's `sd-server`: `POST /sdcpp/v1/img_gen`, then a job polled by id.
    case sdcpp = "sdcpp"
}

/// One provider of the catalog: its wire format, default base URL and models.
public struct ProviderEntry: Sendable, Hashable {
    public var id: ProviderID
    public var name: String
    public var wire: WireFormat
    public var defaultBaseURL: String
    public var defaultModel: String
    public var models: [ModelEntry]
    /// How it differs from OpenAI on the wire (URL form, key header, open model names).
    public var profile: ProviderProfile = .standard

    /// The model with this id, if the provider has it. A provider with open models takes any
    /// name, under the rules of its default model.
    public func model(_ id: String) -> ModelEntry? {
        if let listed = models.first(where: { $0.id == id }) { return listed }
        guard profile.openModels, Self.isPlausibleModelName(id),
            var open = models.first(where: { $0.id == defaultModel })
        else { return nil }
        open.id = id
        open.name = id
        return open
    }

    /// Whether `id` is the default model of an open-models provider, which is not sent by name.
    public func isServerDefault(_ id: String) -> Bool { profile.openModels && id == defaultModel }

    /// Whether `id` can be a model name: printable, without spaces, of a sane length. It goes into
    /// a JSON body, so this guards against mistakes, not against injection.
    static func isPlausibleModelName(_ id: String) -> Bool {
        (1...200).contains(id.count) && id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
    }
}
