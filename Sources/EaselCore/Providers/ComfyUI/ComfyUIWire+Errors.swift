import EaselImage

extension ComfyUIWire {
    /// The one line a refused `POST /prompt` comes down to. ComfyUI answers 400 with
    /// `{"error": {type, message, details}, "node_errors": {id: {"errors": [{message, details,
    /// "extra_info": {"input_name"}}], "class_type"}}}`; the line names the first node at fault
    /// by class and title (from the graph that was sent) and the input, e.g.
    /// `CheckpointLoaderSimple “Load Checkpoint” (node 4), input ckpt_name: Value not in list:
    /// ckpt_name: 'x.safetensors' not in [...]`. Anything else: the error's message, else the
    /// status.
    public static func errorLine(status: Int, body: [UInt8], graph: ComfyUIGraph) -> String {
        guard let reply = JSONValue.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            return text.isEmpty ? "HTTP \(status)" : TerminalText.oneLine(text, limit: 300)
        }
        if case .object(let nodes)? = reply["node_errors"], let id = nodes.keys.sorted(by: ComfyUIGraph.precedes).first {
            let entry = nodes[id]
            let first = entry?["errors"]?.arrayValue?.first
            var place = graph.nodes[id] != nil ? graph.describe(id) : {
                let kind = entry?["class_type"]?.stringValue.map { TerminalText.oneLine($0, limit: 60) } ?? "node"
                return "\(kind) (node \(TerminalText.oneLine(id, limit: 20)))"
            }()
            if let input = first?["extra_info"]?["input_name"]?.stringValue {
                place += ", input \(TerminalText.oneLine(input, limit: 60))"
            }
            let message = first?["message"]?.stringValue ?? "failed validation"
            let details = first?["details"]?.stringValue ?? ""
            let more = nodes.count > 1 ? " (and \(Counted.phrase(nodes.count - 1, "more node")))" : ""
            return TerminalText.oneLine(
                "\(place): \(message)\(details.isEmpty ? "" : ": \(details)")\(more)", limit: 400)
        }
        let error = reply["error"]
        if let message = error?["message"]?.stringValue ?? error?.stringValue {
            var line = message
            if let details = error?["details"]?.stringValue, !details.isEmpty, details != message { line += ": \(details)" }
            // A missing node type names the node in `extra_info`.
            if let id = error?["extra_info"]?["node_id"].flatMap({ $0.stringValue ?? $0.intValue.map(String.init) }), graph.nodes[id] != nil {
                line = "\(graph.describe(id)): \(line)"
            }
            return TerminalText.oneLine(line, limit: 400)
        }
        return "HTTP \(status)"
    }
}
