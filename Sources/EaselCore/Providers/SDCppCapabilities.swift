/// What a stable-diffusion.cpp `sd-server` says it can do (`GET /sdcpp/v1/capabilities`): the
/// loaded model, whether it makes images at all, its samplers, schedulers, LoRAs and limits.
/// Every list is what the server sent, bounded and made safe for display; a field it left out
/// is nil or empty, and Easel then checks nothing against it.
public struct SDCppCapabilities: Sendable, Hashable {
    /// A LoRA the server can load: its display name (the file stem) and the path to send.
    public struct LoRA: Sendable, Hashable {
        public var name: String
        public var path: String

        public init(name: String, path: String) {
            self.name = name
            self.path = path
        }
    }

    /// The loaded model's file name.
    public var modelName: String?
    /// The native modes the model supports (`img_gen`, `vid_gen`); nil when not reported.
    public var supportedModes: [String]?
    public var samplers: [String]
    public var schedulers: [String]
    public var loras: [LoRA]
    public var minWidth: Int?
    public var maxWidth: Int?
    public var minHeight: Int?
    public var maxHeight: Int?
    public var maxBatchCount: Int?
    /// The image inputs `img_gen` takes (`features_by_mode.img_gen` set to true: `init_image`,
    /// `mask_image`, …); nil when the server does not say, and then nothing is checked.
    public var imageFeatures: Set<String>?

    public init(
        modelName: String? = nil, supportedModes: [String]? = nil, samplers: [String] = [], schedulers: [String] = [],
        loras: [LoRA] = [], minWidth: Int? = nil, maxWidth: Int? = nil, minHeight: Int? = nil, maxHeight: Int? = nil,
        maxBatchCount: Int? = nil, imageFeatures: Set<String>? = nil
    ) {
        self.modelName = modelName
        self.supportedModes = supportedModes
        self.samplers = samplers
        self.schedulers = schedulers
        self.loras = loras
        self.minWidth = minWidth
        self.maxWidth = maxWidth
        self.minHeight = minHeight
        self.maxHeight = maxHeight
        self.maxBatchCount = maxBatchCount
        self.imageFeatures = imageFeatures
    }

    /// The LoRA a prompt names: by its name (stem), or by its path as the server lists it.
    public func lora(named name: String) -> LoRA? {
        loras.first { $0.name == name } ?? loras.first { $0.path == name }
    }
}
