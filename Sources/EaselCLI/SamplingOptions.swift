import ArgumentParser
import EaselCore

/// The local backends' sampling knobs, shared by `generate`, `edit` and `vary`: steps, seed,
/// sampler, noise schedule, guidance and checkpoint. Each is passed on as the setting of the
/// same name, which the catalog checks for the chosen model.
struct SamplingOptions: ParsableArguments {
    @Option(help: "Diffusion steps.")
    var steps: Int?

    @Option(help: "The seed (local backends, compatible servers; -1 or unset: random, and the one used is recorded).")
    var seed: String?

    @Option(help: "Sampler (a1111, comfyui, sdcpp), e.g. Euler a, euler, dpmpp_2m.")
    var sampler: String?

    @Option(help: "Noise schedule (a1111, comfyui, sdcpp), e.g. Karras, normal.")
    var scheduler: String?

    @Option(name: .customLong("cfg-scale"), help: "Guidance scale (a1111, comfyui, sdcpp), e.g. 7 or 5.5.")
    var cfgScale: String?

    @Option(help: "Checkpoint to load (a1111, comfyui), as the server names it.")
    var checkpoint: String?

    /// The options given, as settings.
    var settings: [SettingName: SettingValue] {
        let flags: [(SettingName, String?)] = [
            (.steps, steps.map(String.init)), (.seed, seed), (.sampler, sampler), (.scheduler, scheduler), (.cfgScale, cfgScale), (.checkpoint, checkpoint),
        ]
        var settings: [SettingName: SettingValue] = [:]
        for case let (name, value?) in flags { settings[name] = .text(value) }
        return settings
    }
}
