import EaselCore
import EaselImage

/// The sandbox's `GET /object_info`: the classes it has, with the lists clients read from it —
/// checkpoints (`CheckpointLoaderSimple.input.required.ckpt_name`), samplers and schedulers.
enum ComfyUIObjectInfo {
    static func all() -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: ComfyUIPromptCheck.classes.keys.map { ($0, info($0)) }))
    }

    static func one(_ kind: String) -> JSONValue {
        ComfyUIPromptCheck.classes[kind] == nil ? .object([:]) : .object([kind: info(kind)])
    }

    private static func info(_ kind: String) -> JSONValue {
        func list(_ values: [String]) -> JSONValue { .array([.array(values.map(JSONValue.string)), .object([:])]) }
        var required: [String: JSONValue] = [:]
        if kind.hasPrefix("CheckpointLoader") { required["ckpt_name"] = list(ComfyUIPromptCheck.checkpoints) }
        if kind.hasPrefix("KSampler") {
            required["sampler_name"] = list(ComfyUIPromptCheck.samplers)
            required["scheduler"] = list(ComfyUIPromptCheck.schedulers)
        }
        let outputs = ComfyUIPromptCheck.classes[kind] ?? []
        return .object([
            "input": .object(["required": .object(required)]), "output": .array(outputs.map(JSONValue.string)),
            "name": .string(kind), "display_name": .string(kind), "category": .string("sandbox"),
            "output_node": .bool(ComfyUIPromptCheck.outputClasses.contains(kind)),
        ])
    }
}
