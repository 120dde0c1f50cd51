/// What the sandbox's pretend web UI has installed: checkpoints, samplers and schedulers, as
/// `/sdapi/v1/sd-models`, `/samplers` and `/schedulers` list them.
enum A1111Catalog {
    struct Checkpoint {
        var title: String
        var name: String
    }

    static let checkpoints = [
        Checkpoint(title: "v1-5-pruned-emaonly.safetensors [6ce0161689]", name: "v1-5-pruned-emaonly"),
        Checkpoint(title: "sd_xl_base_1.0.safetensors [31e35c80fc]", name: "sd_xl_base_1.0"),
    ]
    static let samplers = ["DPM++ 2M", "DPM++ SDE", "Euler a", "Euler", "DDIM"]
    static let schedulers = [("automatic", "Automatic"), ("karras", "Karras"), ("exponential", "Exponential"), ("uniform", "Uniform")]

    /// A checkpoint by its title or its short name, as the web UI accepts either.
    static func checkpoint(named name: String) -> Checkpoint? {
        checkpoints.first { $0.title == name || $0.name == name }
    }
}
