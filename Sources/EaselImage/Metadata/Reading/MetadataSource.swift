/// One tool's account of how an image was made, reduced to the fields every tool has.
public struct MetadataSource: Sendable, Equatable {
    /// Which tool's metadata this is.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case easel
        case automatic1111
        case comfyui
        case invokeai

        /// The name shown to users.
        public var displayName: String {
            switch self {
            case .easel: "Easel"
            case .automatic1111: "AUTOMATIC1111 (infotext)"
            case .comfyui: "ComfyUI"
            case .invokeai: "InvokeAI"
            }
        }
    }

    /// One named setting with its value as text.
    public struct Setting: Sendable, Equatable {
        public var name: String
        public var value: String

        /// A setting from its parts.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Which tool wrote it.
    public var kind: Kind
    /// The positive prompt, as the tool states it.
    public var prompt: String?
    /// The negative prompt, when there is one.
    public var negativePrompt: String?
    /// The model or checkpoint name.
    public var model: String?
    /// Settings in the order the tool gives them.
    public var settings: [Setting]
    /// The entry text this was read from.
    public var raw: String

    /// A source from its parts; only the kind and raw text are required.
    public init(
        kind: Kind, prompt: String? = nil, negativePrompt: String? = nil, model: String? = nil,
        settings: [Setting] = [], raw: String
    ) {
        self.kind = kind
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.model = model
        self.settings = settings
        self.raw = raw
    }

    /// The value of the setting `name`.
    public func setting(_ name: String) -> String? {
        settings.first { $0.name == name }?.value
    }
}
