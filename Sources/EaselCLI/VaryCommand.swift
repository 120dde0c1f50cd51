import ArgumentParser
import EaselCore
import EaselStore

/// `easel vary`: variations of one image (dall-e-2 and compatible servers), saved with their
/// lineage like edits.
struct VaryCommand: AsyncParsableCommand, JSONReporting {
    static let configuration = CommandConfiguration(
        commandName: "vary",
        abstract: "Make variations of an image and save them.",
        discussion: """
            IMAGE is a file or @ID, a history image's id as `easel threads show` lists it. \
            OpenAI makes variations with dall-e-2 only: one square PNG under 4 MiB (chosen \
            when --model is not given). ComfyUI, sd-server and AUTOMATIC1111 make them by \
            image-to-image at --strength (default 0.6), steered by PROMPT or, for an @ID, by \
            the prompt that image was made from. Nothing is converted silently: an input that does not \
            fit is refused with one line naming the conversion that would (exit code 2).

            Examples:
              easel vary tile.png --n 4 --size 512x512
              easel vary @42 --json
              easel vary photo.png "autumn colours" --provider a1111 --strength 0.5 --n 4
              easel vary @42 --provider comfyui -n 4 --strength 0.5

            Exit codes as for `easel edit`.
            """)

    @Argument(help: ArgumentHelp("The image (a file or @ID).", valueName: "IMAGE"))
    var image: String

    @Argument(help: ArgumentHelp(
        "A prompt to steer it (local backends' image-to-image only; an @ID's own prompt otherwise).", valueName: "PROMPT"))
    var prompt: String?

    @Option(help: "A negative prompt part (weight -1; local backends' image-to-image).")
    var negative: [String] = []

    @OptionGroup var common: ImageJobOptions

    @Flag(help: "Print one JSON object describing the result on stdout, with its input and parent.")
    var json = false

    func run() async throws {
        let setup = try CommandSetup.load()
        var plan = try EditPlan.make(
            operation: .variation, images: [image], mask: nil, parts: (prompt.map { [PromptPart($0)] } ?? []) + negative.map { PromptPart($0, weight: -1) }, settings: [:], options: common,
            config: setup.config)
        EditPlan.inheritPrompt(&plan, from: image, paths: setup.paths)
        try await plan.execute(paths: setup.paths, config: setup.config, json: json)
    }
}
