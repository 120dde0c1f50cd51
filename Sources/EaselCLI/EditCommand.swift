import ArgumentParser
import EaselCore

/// `easel edit`: change images by a prompt (only where a mask is transparent, when one is given)
/// through an OpenAI-shaped provider; images are saved like generated ones, with their lineage.
struct EditCommand: AsyncParsableCommand, JSONReporting {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit images by a prompt (optionally under a mask) and save the results.",
        discussion: """
            IMAGE is a file or @ID, a history image's id as `easel threads show` lists it. The \
            last argument is the prompt unless it names a file or an @ID; --prompt adds parts. \
            GPT image models take up to 16 PNG, WebP or JPEG images under 50 MiB; dall-e-2 takes \
            one square PNG under 4 MiB. A mask is a PNG with an alpha channel, as large as the \
            first image: its fully transparent pixels are repainted, the rest is kept. \
            --provider a1111 repaints the first image by image-to-image at --strength (default \
            0.75); its mask may also be white-on-black, and --set takes mask_blur, \
            inpainting_fill, only_masked, only_masked_padding, mask_invert and resize_mode.

            Every input is checked before anything is sent (format by its bytes, size, \
            squareness, the mask's alpha and size); a problem is one line, exit code 2. Nothing \
            is converted silently: where a conversion would fit, the line names it, and \
            --fit pad|crop|scale performs it.

            Inputs are copied into Easel's data directory by content (SHA-256), and the history \
            entry records them, the mask and the entry the first image came from.

            Examples:
              easel edit photo.png --mask sky.png "a stormy sky"
              easel edit @42 @43 "the cat from the second in the first"
              easel edit room.png "paint the walls green" --json
              easel edit photo.png --mask sky.png "a stormy sky" --provider a1111 --strength 0.6

            Exit codes: 0 success; 1 other failure; 2 invalid input (nothing sent); 3 the provider \
            refused the request; 4 network error or timeout; 5 outcome unknown (not resent).
            """)

    @Argument(help: ArgumentHelp("The images (files or @ID), then the prompt.", valueName: "IMAGE… PROMPT"))
    var arguments: [String] = []

    @Option(help: ArgumentHelp("A PNG with transparency over the first image: its transparent pixels are repainted.", valueName: "MASK.png"))
    var mask: String?

    @Option(name: .customLong("prompt"), help: "A prompt part (instead of, or besides, the last argument).")
    var prompts: [String] = []

    @Option(help: "A negative prompt part (weight -1; a1111 and other local backends).")
    var negative: [String] = []

    @OptionGroup var common: ImageJobOptions

    @Option(help: "Quality (GPT image: auto, low, medium, high).")
    var quality: String?

    @Option(help: "Background (GPT image: auto, transparent, opaque).")
    var background: String?

    @Option(name: .customLong("output-format"), help: "png, jpeg or webp (GPT image models).")
    var outputFormat: String?

    @Option(name: .customLong("input-fidelity"), help: "How closely to keep the inputs' features: low or high (GPT image models but mini).")
    var inputFidelity: String?

    @Flag(help: "Stream the edit (GPT image models), showing partial images as they arrive.")
    var stream = false

    @Option(name: .customLong("partial-images"), help: ArgumentHelp("Partial images before the final one (0–3; implies --stream).", valueName: "N"))
    var partialImages: String?

    @Flag(help: "Print one JSON object describing the result on stdout, with its inputs, mask and parent.")
    var json = false

    func run() async throws {
        let setup = try CommandSetup.load()
        let (images, prompt) = EditPlan.split(arguments)
        let parts = ([prompt].compactMap { $0 } + prompts).map { PromptPart($0) } + negative.map { PromptPart($0, weight: -1) }
        var settings: [SettingName: SettingValue] = [:]
        let flags: [(SettingName, String?)] = [
            (.quality, quality), (.background, background), (.outputFormat, outputFormat), (SettingName("input_fidelity"), inputFidelity),
        ]
        for case let (name, value?) in flags { settings[name] = .text(value) }
        if stream || partialImages != nil { settings[.stream] = .boolean(true) }
        if let partialImages { settings[.partialImages] = .text(partialImages) }
        let plan = try EditPlan.make(
            operation: .edit, images: images, mask: mask, parts: parts, settings: settings, options: common, config: setup.config)
        try await plan.execute(paths: setup.paths, config: setup.config, json: json)
    }
}
