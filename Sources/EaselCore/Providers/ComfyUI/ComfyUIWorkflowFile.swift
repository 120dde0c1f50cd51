import Foundation

/// Finds the workflow a ComfyUI model id stands for: `txt2img` is the built-in one
/// (`ComfyUITextToImage`); an id with a slash is a file path (`--workflow FILE`); any other id
/// is `<id>.json` in the workflows folder.
public enum ComfyUIWorkflowFile {
    /// The graph for `model`, and whether it is the built-in one.
    public static func load(model: String, folder: URL) throws(GenerationError) -> (graph: ComfyUIGraph, builtIn: Bool) {
        if model == ComfyUITextToImage.modelID { return (ComfyUITextToImage.graph, true) }
        let file: URL
        if model.contains("/") {
            file = URL(fileURLWithPath: model)
        } else {
            file = folder.appendingPathComponent(model.hasSuffix(".json") ? model : model + ".json")
        }
        let shown = TerminalText.oneLine(file.path, limit: 200)
        guard FileManager.default.fileExists(atPath: file.path) else {
            let known = names(in: folder)
            let hint = known.isEmpty
                ? "no workflows are saved in \(TerminalText.oneLine(folder.path, limit: 200)) (use \"Save (API)\" in ComfyUI and put the file there)"
                : "saved workflows: \(known.joined(separator: ", "))"
            throw .configuration("comfyui: no workflow \(shown); \(hint), or use the built-in \(ComfyUITextToImage.modelID)")
        }
        let bytes: [UInt8]
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            if let size = attributes[.size] as? Int, size > ComfyUIGraph.maxBytes {
                throw GenerationError.configuration("workflow \(shown) is larger than \(ComfyUIGraph.maxBytes >> 20) MB")
            }
            bytes = Array(try Data(contentsOf: file))
        } catch let error as GenerationError {
            throw error
        } catch {
            throw .configuration("cannot read workflow \(shown): \(error.localizedDescription)")
        }
        return (try ComfyUIGraph.parse(bytes, name: shown), false)
    }

    /// The saved workflows' names (file names without `.json`), sorted.
    public static func names(in folder: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }
}
