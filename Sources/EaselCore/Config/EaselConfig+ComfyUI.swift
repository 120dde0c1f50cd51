extension EaselConfig {
    /// Reads `[comfyui.workflows]`: one table per saved workflow, mapping Easel's settings to
    /// its inputs (see `ComfyUIInputMapping`). Every problem names its key.
    static func comfyUIMappings(_ table: TOMLTable, path: String) throws(ConfigError) -> [String: ComfyUIInputMapping] {
        var mappings: [String: ComfyUIInputMapping] = [:]
        for workflow in table.keys {
            let prefix = "comfyui.workflows.\(workflow)"
            guard let section = table[workflow]?.table else {
                throw .invalid(path: path, key: prefix, reason: "must be a table of settings, e.g. prompt = \"6.text\"")
            }
            var mapping = ComfyUIInputMapping()
            for name in section.keys {
                let key = "\(prefix).\(name)"
                guard ComfyUIInputMapping.names.contains(name) else {
                    throw .invalid(path: path, key: key, reason: "unknown setting; allowed: \(ComfyUIInputMapping.names.joined(separator: ", "))")
                }
                let texts: [String]
                if let one = section[name]?.string {
                    texts = [one]
                } else if let many = section[name]?.array?.compactMap(\.string), many.count == section[name]?.array?.count, !many.isEmpty {
                    texts = many
                } else {
                    throw .invalid(path: path, key: key, reason: "must be \"NODE.INPUT\" or a list of them")
                }
                var slots: [ComfyUIInputs.Slot] = []
                for text in texts {
                    guard let slot = ComfyUIInputMapping.slot(text) else {
                        throw .invalid(path: path, key: key, reason: "\"\(text)\" is not NODE.INPUT, e.g. \"6.text\"")
                    }
                    slots.append(slot)
                }
                mapping.slots[name] = slots
            }
            mappings[workflow] = mapping
        }
        return mappings
    }
}
