import ArgumentParser
import EaselCore
import EaselSandbox
import Foundation
import Logging

/// `easel generate`: one generation from the command line, progress on stderr, images on disk.
struct GenerateCommand: AsyncParsableCommand, JSONReporting {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate images from a prompt and save them.",
        discussion: """
            Prompt parts: PROMPT and --prompt are positive (weight 1), --negative says what to \
            avoid (weight -1), --weighted W:TEXT gives any weight (e.g. 0.7:sunset, -1.5:blur; \
            the value after --weighted is always taken as W:TEXT, even when it starts with -). \
            Models without weights join the positive parts and drop the negatives, saying so.

            Keys come from the environment (AICLIENT_TOKEN, OPENAI_API_KEY, AZURE_OPENAI_API_KEY, \
            AIMLAPI_KEY, COMPATIBLE_API_KEY, ACEDATA_TOKEN) or a config file readable only by you \
            ($XDG_CONFIG_HOME/easel/config.toml); never from arguments. Azure also reads \
            AZURE_OPENAI_ENDPOINT and OPENAI_API_VERSION; a compatible server needs \
            COMPATIBLE_BASE_URL (or --base-url) and takes any --model name.

            AUTOMATIC1111 / Forge (--provider a1111): start the web UI with --api (and \
            --api-auth user:pass if you want a password), then set A1111_BASE_URL (e.g. \
            http://127.0.0.1:7860) and, with --api-auth, A1111_AUTH=user:password. The real \
            seeds and the web UI's own infotext are written into the saved PNGs.

            Exit codes: 0 success; 1 other failure; 2 invalid input (nothing sent); 3 the provider \
            refused the request; 4 network error or timeout; 5 outcome unknown (not resent).
            """)

    @Argument(help: "The prompt (a positive part of weight 1).")
    var prompt: String?

    @Option(name: .customLong("prompt"), help: "Another positive prompt part.")
    var prompts: [String] = []

    @Option(help: "A negative prompt part (weight -1).")
    var negative: [String] = []

    // Unconditional: a negative weight ("-0.8:clouds") would otherwise be taken for a flag.
    @Option(
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp("A prompt part with a weight (negative to avoid it).", valueName: "W:TEXT"))
    var weighted: [String] = []

    @Option(help: "The provider (default: the config file's, else the first one configured).")
    var provider: ProviderID?

    @Flag(help: "Send to an in-process sandbox instead of the real provider.")
    var sandbox = false

    @Option(help: "Model (for ai-client: the ai_version_code, e.g. dalle2_text2img, stablediffusion_text2img).")
    var model: String?

    @Option(help: "Stable Diffusion engine id.")
    var engine: String?

    @Option(help: ArgumentHelp("Image size.", valueName: "WxH"))
    var size: String?

    @Option(help: "Number of images.")
    var n: Int?

    @Option(help: "Quality (model-dependent: standard, hd, low, medium, high, xhigh, max, auto).")
    var quality: String?

    @Option(help: "Style (DALL·E 3: vivid, natural; Stable Diffusion: a style preset).")
    var style: String?

    @OptionGroup var sampling: SamplingOptions

    @Option(
        help: ArgumentHelp(
            "comfyui: an API-format workflow to run (\"Save (API)\" in ComfyUI): a file, or the name of one saved in Easel's workflows folder.",
            valueName: "FILE|NAME"))
    var workflow: String?

    @Option(name: .customLong("response-format"), help: "url or b64_json (DALL·E models).")
    var responseFormat: String?

    @Flag(help: "Stream the generation (OpenAI GPT image models), showing partial images as they arrive.")
    var stream = false

    @Option(name: .customLong("partial-images"), help: ArgumentHelp("Partial images to stream before the final one (0–3; implies --stream).", valueName: "N"))
    var partialImages: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Any other setting the model takes.", valueName: "NAME=VALUE"))
    var extraSettings: [String] = []

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Add to this existing ai-client thread instead of creating one.")
    var thread: String?

    @Flag(
        name: .customLong("async"),
        help: "acedata: run as a task (callback_url + trace_id) and poll it, instead of holding the request open.")
    var asynchronous = false

    @Flag(help: "Print one JSON object describing the result on stdout.")
    var json = false

    func run() async throws {
        let setup = try CommandSetup.load()
        let plan = try GenerationPlan.make(command: self, config: setup.config, environment: setup.environment)
        try await plan.execute(paths: setup.paths, config: setup.config, json: json)
    }
}
