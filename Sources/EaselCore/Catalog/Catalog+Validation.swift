import Foundation

extension Catalog {
    /// Checks a request against the catalog and fills in defaults. Every problem is reported at
    /// once, each naming the field and the allowed values. `host` is the host the request would go
    /// to, so models retired by that host are refused before anything is sent.
    ///
    /// For an edit or a variation the model's operation spec stands in for its generation
    /// settings; a model that cannot do the operation is refused, naming those that can. A
    /// variation takes a prompt only where its spec has prompt rules (local image-to-image).
    public func resolve(
        _ request: GenerationRequest, host: String? = nil, operation: ImageOperation = .generate
    ) -> Result<ResolvedRequest, ValidationFailure> {
        guard let provider = provider(request.provider) else {
            let known = providers.map(\.id.rawValue).joined(separator: ", ")
            return .failure(ValidationFailure(problems: [
                ValidationProblem(field: "provider", message: "\"\(request.provider)\" is not known; allowed: \(known)")
            ]))
        }
        guard let found = provider.model(request.model) else {
            let known = provider.models.filter { $0.offers(operation) }.map(\.id).joined(separator: ", ")
            return .failure(ValidationFailure(problems: [
                ValidationProblem(
                    field: "model", message: "\"\(request.model)\" is not \(Counted.withArticle(provider.id.rawValue)) model; allowed: \(known)")
            ]))
        }
        guard let model = found.forOperation(operation) else {
            let able = provider.models.filter { $0.offers(operation) }.map(\.id)
            let hint = able.isEmpty
                ? "no \(provider.id) model can" : "models that can: " + able.joined(separator: ", ")
            return .failure(ValidationFailure(problems: [
                ValidationProblem(field: "model", message: "\(found.id) cannot \(operation.phrase); \(hint)")
            ]))
        }
        var problems: [ValidationProblem] = []
        if let retired = model.retired, let host, host.lowercased() == retired.host {
            problems.append(ValidationProblem(
                field: "model",
                message: retired.refusal(model: model.id)))
        }
        let (values, settingProblems) = Self.resolveSettings(request.settings, model: model)
        problems += settingProblems
        var notices: [String] = []
        if operation == .variation, found.variation?.prompt != nil {
            // A local backend's variation is image-to-image: a prompt may steer it, or not.
            if !request.parts.isEmpty {
                let (promptProblems, promptNotices) = Self.checkPrompt(request.parts, model: model)
                problems = promptProblems + problems
                notices = promptNotices
            }
        } else if operation == .variation {
            if !request.parts.isEmpty {
                problems.insert(ValidationProblem(field: "prompt", message: "variations take no prompt; use edit to change an image by words"), at: 0)
            }
        } else {
            let (promptProblems, promptNotices) = Self.checkPrompt(request.parts, model: model)
            problems = promptProblems + problems
            notices = promptNotices
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems: problems)) }
        var resolved = ResolvedRequest(
            request: request, provider: provider, model: model, values: values,
            explicit: Set(request.settings.keys), notices: notices)
        resolved.operation = operation
        return .success(resolved)
    }

    private static func resolveSettings(
        _ given: [SettingName: SettingValue], model: ModelEntry
    ) -> ([SettingName: SettingValue], [ValidationProblem]) {
        var problems: [ValidationProblem] = []
        for name in given.keys.sorted() where model.spec(name) == nil {
            let known = model.settings.map(\.name.rawValue).joined(separator: ", ")
            problems.append(ValidationProblem(
                field: name.rawValue, message: "not supported by \(model.id); its settings are: \(known)"))
        }
        var values: [SettingName: SettingValue] = [:]
        // The engine decides what the other settings allow, so it is settled first.
        var engine: String?
        if let engineSpec = model.spec(.engine) {
            if let value = check(given[.engine], spec: engineSpec, model: model, engine: nil, problems: &problems) {
                values[.engine] = value
                engine = value.textValue
            }
        }
        for base in model.settings where base.name != .engine {
            let spec = base.applying(engine: engine)
            if let value = check(given[spec.name], spec: spec, model: model, engine: engine, problems: &problems) {
                values[spec.name] = value
            }
        }
        return (values, problems)
    }

    /// The value to use for one setting (given or default), or nil with a problem recorded.
    private static func check(
        _ given: SettingValue?, spec: SettingSpec, model: ModelEntry, engine: String?,
        problems: inout [ValidationProblem]
    ) -> SettingValue? {
        guard let given else { return spec.default }
        let context = engine.map { "\(model.id) with engine \($0)" } ?? model.id
        func refuse(_ what: String) -> SettingValue? {
            problems.append(ValidationProblem(
                field: spec.name.rawValue, message: "\(what) is not allowed for \(context); allowed: \(spec.allowedSummary)"))
            return nil
        }
        let text = given.textValue
        switch spec.kind {
        case .choice:
            return spec.values?.contains(text) == true ? .text(text) : refuse("\"\(text)\"")
        case .integer:
            guard let number = given.integerValue else { return refuse("\"\(text)\" (not a whole number)") }
            if let min = spec.min, number < min { return refuse(String(number)) }
            if let max = spec.max, number > max { return refuse(String(number)) }
            return .integer(number)
        case .size:
            if spec.values?.contains(text) == true { return .text(text) }
            guard let rule = spec.rule else { return refuse("\"\(text)\"") }
            guard let size = ImageSize(parsing: text) else { return refuse("\"\(text)\" (not WIDTHxHEIGHT)") }
            let broken = rule.violations(of: size)
            return broken.isEmpty ? .text(size.description) : refuse("\"\(text)\" (\(broken.joined(separator: "; ")))")
        case .text:
            return .text(text)
        case .number:
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite else {
                return refuse("\"\(text)\" (not a number)")
            }
            if let min = spec.min, number < Double(min) { return refuse(text) }
            if let max = spec.max, number > Double(max) { return refuse(text) }
            return .text(SettingValue.canonicalNumber(number))
        case .boolean:
            switch text.lowercased() {
            case "true", "1", "yes": return .boolean(true)
            case "false", "0", "no": return .boolean(false)
            default: return refuse("\"\(text)\"")
            }
        }
    }

    private static func checkPrompt(_ parts: [PromptPart], model: ModelEntry) -> ([ValidationProblem], [String]) {
        var problems: [ValidationProblem] = []
        var notices: [String] = []
        let rules = model.prompt
        for (index, part) in parts.enumerated() {
            if !part.weight.isFinite || part.weight == 0 {
                problems.append(ValidationProblem(
                    field: "prompt[\(index)]",
                    message: "weight \(part.weight) is not allowed; use a weight above 0 for what to see, below 0 for what to avoid"))
            }
            if part.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(ValidationProblem(field: "prompt[\(index)]", message: "is empty"))
            }
        }
        let positives = parts.filter { $0.weight > 0 }
        let negatives = parts.filter { $0.weight < 0 }
        if positives.isEmpty {
            problems.append(ValidationProblem(field: "prompt", message: "is empty; give at least one positive prompt"))
        }
        if rules.weights {
            for (index, part) in parts.enumerated() where part.text.unicodeScalars.count > rules.maxLength {
                problems.append(ValidationProblem(
                    field: "prompt[\(index)]",
                    message: "\(part.text.unicodeScalars.count) characters is over \(model.id)'s limit of \(rules.maxLength)"))
            }
        } else {
            let folded = positives.filter(\.isText).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
            if folded.unicodeScalars.count > rules.maxLength {
                problems.append(ValidationProblem(
                    field: "prompt",
                    message: "\(folded.unicodeScalars.count) characters is over \(model.id)'s limit of \(rules.maxLength)"))
            }
            if positives.count > 1 {
                notices.append("\(model.id) takes one prompt: \(positives.count) parts are joined with \", \"")
            }
            if positives.contains(where: { $0.weight != 1 }) {
                notices.append("\(model.id) takes no weights: positive weights are ignored")
            }
        }
        if !rules.negative, !negatives.isEmpty {
            let dropped = negatives.map { "\"\($0.text)\"" }.joined(separator: ", ")
            notices.append("\(model.id) takes no negative prompts: dropped \(dropped)")
        }
        return (problems, notices)
    }
}
