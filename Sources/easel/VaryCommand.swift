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
            when --model is not given). On ComfyUI, sd-server and AUTOMATIC1111 a variation is \
            image-to-image at --strength (0.6 unless given), steered by PROMPT — or, for an \
            @ID, by the prompt that image was made from. Nothing is converted silently: an input that does not \
            fit is refused with one line naming the conversion that would (exit code 2).

            Examples:
              easel vary tile.png --n 4 --size 512x512
              easel vary @42 --json
              easel vary @42 --provider comfyui -n 4 --strength 0.5

            Exit codes as for `easel edit`.
            """)

    @Argument(help: ArgumentHelp("The image (a file or @ID).", valueName: "IMAGE"))
    var image: String

    @Argument(help: ArgumentHelp(
        "What to steer the variations toward (local backends only; for an @ID, its own prompt when not given).",
        valueName: "PROMPT"))
    var prompt: String?

    @OptionGroup var common: ImageJobOptions

    @Flag(help: "Print one JSON object describing the result on stdout, with its input and parent.")
    var json = false

    func run() async throws {
        let setup = try CommandSetup.load()
        let paths = setup.paths
        let plan = try EditPlan.make(
            operation: .variation, images: [image], mask: nil, parts: prompt.map { [PromptPart($0)] } ?? [], settings: [:],
            options: common, config: setup.config
        ) { id in
            guard let history = try? HistoryStore.open(at: paths.historyFile), let found = try? history.prompt(ofImage: id) else { return [] }
            return [PromptPart(found.prompt)] + (found.negative.isEmpty ? [] : [PromptPart(found.negative, weight: -1)])
        }
        try await plan.execute(paths: setup.paths, config: setup.config, json: json)
    }
}
