import EaselImage

/// A ComfyUI workflow in the API format that ComfyUI's "Save (API)" writes and `POST /prompt`
/// takes: node id → `{"class_type", "inputs", "_meta": {"title"}}`. An input is a literal value
/// or a link `["<node id>", <output slot>]` to another node's output. Unknown nodes are kept as
/// they are: Easel only ever rewrites the literal inputs it was asked to fill.
public struct ComfyUIGraph: Sendable, Hashable {
    /// The nodes by id, each a JSON object as the file had it.
    public var nodes: [String: JSONValue]

    /// Wraps nodes already known to be in the API format.
    public init(nodes: [String: JSONValue]) {
        self.nodes = nodes
    }

    /// The largest workflow file Easel reads; real ones are tens of kilobytes.
    public static let maxBytes = 8 << 20

    /// Reads an API-format workflow, or says in one line why `bytes` are not one. `name` says
    /// where it came from in the message.
    public static func parse(_ bytes: [UInt8], name: String) throws(GenerationError) -> ComfyUIGraph {
        guard bytes.count <= maxBytes else {
            throw .configuration("workflow \(name) is larger than \(maxBytes >> 20) MB; is it a ComfyUI workflow?")
        }
        guard case .object(let top)? = JSONValue.parse(bytes) else {
            throw .configuration("workflow \(name) is not a JSON object")
        }
        if top["nodes"]?.arrayValue != nil, top["links"] != nil {
            throw .configuration(
                "workflow \(name) is in ComfyUI's editor format; in ComfyUI use Workflow → Export (API) or \"Save (API)\" and give Easel that file")
        }
        guard !top.isEmpty else { throw .configuration("workflow \(name) has no nodes") }
        for id in top.keys.sorted() {
            guard case .object(let node)? = top[id], node["class_type"]?.stringValue?.isEmpty == false else {
                throw .configuration("workflow \(name): node \(TerminalText.oneLine(id, limit: 40)) has no class_type; is it an API-format workflow (\"Save (API)\")?")
            }
            if let inputs = node["inputs"], case .object = inputs {} else if node["inputs"] != nil {
                throw .configuration("workflow \(name): the inputs of node \(TerminalText.oneLine(id, limit: 40)) are not an object")
            }
        }
        return ComfyUIGraph(nodes: top)
    }

    /// Node ids in ComfyUI's order: numeric ids by number first, then the rest by text.
    public var orderedIDs: [String] { nodes.keys.sorted(by: Self.precedes) }

    /// ComfyUI's order of node ids: numbers by value before any other id, those by text.
    public static func precedes(_ left: String, _ right: String) -> Bool {
        switch (Int(left), Int(right)) {
        case let (l?, r?): l < r
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): left < right
        }
    }

    /// The node's class, such as `KSampler`.
    public func classType(_ id: String) -> String? { nodes[id]?["class_type"]?.stringValue }

    /// The node's title in the editor (`_meta.title`), when the file keeps it.
    public func title(_ id: String) -> String? { nodes[id]?["_meta"]?["title"]?.stringValue }

    /// One input of a node, literal or link.
    public func input(_ id: String, _ name: String) -> JSONValue? { nodes[id]?["inputs"]?[name] }

    /// The node an input links to, when it is a link.
    public func linked(_ id: String, _ name: String) -> String? {
        guard let value = input(id, name) else { return nil }
        return Self.link(value)
    }

    /// The node id of a link `["4", 0]`, or nil for a literal.
    public static func link(_ value: JSONValue) -> String? {
        guard let pair = value.arrayValue, pair.count == 2, pair[1].intValue != nil else { return nil }
        switch pair[0] {
        case .string(let id): return id
        case .number: return pair[0].integerValue.map { String($0) }
        default: return nil
        }
    }

    /// Sets one input of a node (the node must exist).
    public mutating func set(_ id: String, _ name: String, _ value: JSONValue) {
        guard case .object(var node)? = nodes[id] else { return }
        var inputs: [String: JSONValue] = [:]
        if case .object(let existing)? = node["inputs"] { inputs = existing }
        inputs[name] = value
        node["inputs"] = .object(inputs)
        nodes[id] = .object(node)
    }

    /// The graph as the JSON object `POST /prompt` takes as `prompt`.
    public var json: JSONValue { .object(nodes) }

    /// "KSampler “Base sampler” (node 3)": how messages name a node.
    public func describe(_ id: String) -> String {
        let kind = classType(id).map { TerminalText.oneLine($0, limit: 60) } ?? "node"
        var text = kind
        if let title = title(id), title != classType(id) { text += " “\(TerminalText.oneLine(title, limit: 60))”" }
        return text + " (node \(TerminalText.oneLine(id, limit: 20)))"
    }
}
