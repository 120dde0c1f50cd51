import ArgumentParser
import EaselCore

/// The options `easel edit` and `easel vary` share: where to send, which model, the common
/// settings and where to save.
struct ImageJobOptions: ParsableArguments {
    @Option(help: "The provider: openai, azure, compatible, a1111, comfyui or sdcpp (default: the config file's, else the first one configured).")
    var provider: ProviderID?

    @Flag(help: "Send to an in-process sandbox instead of the real provider.")
    var sandbox = false

    @Option(help: "Model (default: the provider's, or the first of its models that can do this).")
    var model: String?

    @Option(help: ArgumentHelp("Size of the results.", valueName: "WxH"))
    var size: String?

    @Option(help: "Number of images.")
    var n: Int?

    @Option(name: .customLong("response-format"), help: "url or b64_json (dall-e-2).")
    var responseFormat: String?

    @OptionGroup var sampling: SamplingOptions

    @Option(help: ArgumentHelp(
        "How much of the input is repainted, 0–1 (a1111, comfyui, sdcpp image-to-image; low keeps more of the input).",
        valueName: "S"))
    var strength: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Any other setting the model takes here.", valueName: "NAME=VALUE"))
    var extraSettings: [String] = []

    @OptionGroup var connection: ConnectionOptions

    @Option(help: ArgumentHelp(
        "Make inputs that do not fit fit: pad (transparent borders), crop (centre square) or scale; re-encoded as PNG when needed. Never done unless asked.",
        valueName: "pad|crop|scale"))
    var fit: FitMode?
}

extension FitMode: ExpressibleByArgument {}
