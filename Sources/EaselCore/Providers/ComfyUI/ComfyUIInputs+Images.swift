extension ComfyUIInputs {
    /// Classes that load a picture from ComfyUI's input folder by its `image` name.
    static let imageLoaders: Set<String> = ["LoadImage"]
    /// Classes that load a mask from a file (one channel of it).
    static let maskLoaders: Set<String> = ["LoadImageMask"]

    /// Finds where the input pictures and the mask go. A LoadImage whose IMAGE (output 0) is
    /// used, or that is wired to nothing, takes a picture; one used only for its MASK (output 1)
    /// takes the mask as a file, as does every LoadImageMask. When a picture's LoadImage also
    /// feeds its MASK somewhere (ComfyUI's own inpaint examples), the mask is merged into that
    /// picture's alpha. An ImageScale fed straight from a picture's LoadImage sets the size, and
    /// RepeatLatentBatch's `amount` the batch, as an empty latent's would.
    mutating func findImages(in graph: ComfyUIGraph) {
        let used = Self.usedOutputs(in: graph)
        for id in graph.orderedIDs {
            guard let kind = graph.classType(id), graph.input(id, "image")?.stringValue != nil else { continue }
            if Self.maskLoaders.contains(kind) {
                mask.append(Slot(node: id, input: "image"))
            } else if Self.imageLoaders.contains(kind) {
                let outputs = used[id] ?? []
                if outputs.contains(1) && !outputs.contains(0) {
                    mask.append(Slot(node: id, input: "image"))
                } else {
                    image.append(Slot(node: id, input: "image"))
                }
            }
        }
        maskInImageAlpha = mask.isEmpty && Self.readsMask(of: image, in: graph)
        let loaders = Set(image.map(\.node))
        for id in graph.orderedIDs where graph.classType(id) == "ImageScale" {
            guard let source = graph.linked(id, "image"), loaders.contains(source),
                graph.input(id, "width")?.intValue != nil, graph.input(id, "height")?.intValue != nil
            else { continue }
            width.append(Slot(node: id, input: "width"))
            height.append(Slot(node: id, input: "height"))
        }
        for id in graph.orderedIDs where graph.classType(id) == "RepeatLatentBatch" && graph.input(id, "amount")?.intValue != nil {
            batch.append(Slot(node: id, input: "amount"))
        }
    }

    /// Whether any of these LoadImage nodes has its MASK output (slot 1) wired somewhere.
    static func readsMask(of slots: [Slot], in graph: ComfyUIGraph) -> Bool {
        let used = usedOutputs(in: graph)
        return slots.contains { used[$0.node]?.contains(1) == true }
    }

    /// Node id → the output slots some input links to.
    static func usedOutputs(in graph: ComfyUIGraph) -> [String: Set<Int>] {
        var used: [String: Set<Int>] = [:]
        for id in graph.orderedIDs {
            guard case .object(let inputs)? = graph.nodes[id]?["inputs"] else { continue }
            for value in inputs.values {
                guard let target = ComfyUIGraph.link(value), let slot = value.arrayValue?[1].intValue else { continue }
                used[target, default: []].insert(slot)
            }
        }
        return used
    }
}
