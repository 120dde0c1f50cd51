extension SDCppCapabilities {
    /// What in `request` this server cannot do, each naming the setting and what it takes — the
    /// server would only say "invalid generation parameters" — and the LoRAs it names resolved to
    /// the paths the server lists. A list the server did not send checks nothing.
    public func check(_ request: ResolvedRequest) -> (problems: [ValidationProblem], loras: [(path: String, multiplier: Double)]) {
        var problems: [ValidationProblem] = []
        func listed(_ name: SettingName, in values: [String], what: String) {
            guard request.explicit.contains(name), let value = request[name]?.textValue, !values.isEmpty, !values.contains(value) else { return }
            problems.append(ValidationProblem(
                field: name.rawValue, message: "\"\(value)\" is not one of this sd-server's \(what): \(values.prefix(40).joined(separator: ", "))"))
        }
        if let modes = supportedModes, !modes.contains("img_gen") {
            problems.append(ValidationProblem(field: "model", message: "the model sd-server has loaded makes no images (it supports \(modes.joined(separator: ", ")))"))
        }
        listed(.sampler, in: samplers, what: "samplers")
        listed(.scheduler, in: schedulers, what: "schedulers")
        if request.explicit.contains(.size), let size = request[.size].flatMap({ ImageSize(parsing: $0.textValue) }) {
            if let minWidth, size.width < minWidth { problems.append(sizeProblem(size, "width", "at least \(minWidth)")) }
            if let maxWidth, size.width > maxWidth { problems.append(sizeProblem(size, "width", "at most \(maxWidth)")) }
            if let minHeight, size.height < minHeight { problems.append(sizeProblem(size, "height", "at least \(minHeight)")) }
            if let maxHeight, size.height > maxHeight { problems.append(sizeProblem(size, "height", "at most \(maxHeight)")) }
        }
        if let maxBatchCount, request.explicit.contains(.n), let n = request[.n]?.integerValue, n > maxBatchCount {
            problems.append(ValidationProblem(field: "n", message: "\(n) is over this sd-server's limit of \(maxBatchCount) images a job"))
        }
        var loras: [(path: String, multiplier: Double)] = []
        for part in request.sentParts {
            switch part.kind {
            case .lora:
                if let lora = lora(named: part.text) {
                    loras.append((lora.path, part.weight))
                } else {
                    let known = self.loras.isEmpty ? "it lists none" : "it has " + self.loras.prefix(20).map(\.name).joined(separator: ", ")
                    problems.append(ValidationProblem(field: "prompt", message: "sd-server has no LoRA named \"\(part.text)\" (\(known))"))
                }
            case .hypernet:
                problems.append(ValidationProblem(field: "prompt", message: "sd-server takes no hypernetworks (<hypernet:\(part.text)>)"))
            case .text, .breakMarker:
                continue
            }
        }
        return (problems, loras)
    }

    private func sizeProblem(_ size: ImageSize, _ side: String, _ limit: String) -> ValidationProblem {
        ValidationProblem(field: "size", message: "\(size): the \(side) must be \(limit) on this sd-server")
    }

    /// What an edit needs that this server says it lacks (`features_by_mode.img_gen`).
    public func editProblems(mask: Bool) -> [ValidationProblem] {
        guard let imageFeatures else { return [] }
        var problems: [ValidationProblem] = []
        if !imageFeatures.contains("init_image") {
            problems.append(ValidationProblem(field: "model", message: "this sd-server takes no init image (its capabilities do not list init_image), so it cannot edit or vary images"))
        }
        if mask, !imageFeatures.contains("mask_image") {
            problems.append(ValidationProblem(field: "mask", message: "this sd-server takes no mask (its capabilities do not list mask_image); edit without --mask"))
        }
        return problems
    }
}
