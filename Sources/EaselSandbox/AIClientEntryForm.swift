import EaselCore
import EaselImage

/// A request entry's form fields read back into Easel's request model, so the catalog can check
/// them exactly as the client does, plus the `content` echo the real service returns.
struct AIClientEntryForm {
    var request: GenerationRequest
    var content: JSONValue
    /// Setting name → wire field name, to report problems under the names the client sent.
    var wireNames: [String: String]

    /// Reads the fields; `problems` lists what is wrong with their structure (unknown or repeated
    /// fields, a missing prompt). The request holds whatever could be read, so the catalog can
    /// report its own problems in the same reply.
    static func parse(_ fields: [(String, String)], aiVersionCode: String) -> Result<(form: AIClientEntryForm, problems: [ValidationProblem]), ValidationFailure> {
        guard let model = Catalog.bundled.model(aiVersionCode, of: .aiClient) else {
            return .failure(ValidationFailure(problems: [
                ValidationProblem(field: "ai_version_code", message: "\(aiVersionCode) takes no image requests")
            ]))
        }
        var problems: [ValidationProblem] = []
        var seen: Set<String> = []
        for (name, _) in fields where !seen.insert(name).inserted {
            problems.append(ValidationProblem(field: name, message: "is given more than once"))
        }
        let type = fields.first { $0.0 == "type" }?.1
        if type != "request" {
            problems.append(ValidationProblem(field: "type", message: type == nil ? "is required" : "must be \"request\""))
        }
        var wireNames: [String: String] = [:]
        var settings: [SettingName: SettingValue] = [:]
        var echo: [String: JSONValue] = [:]
        var texts: [Int: String] = [:]
        var weights: [Int: Double] = [:]
        var plainPrompt: String?
        for (name, value) in fields where name != "type" {
            if let spec = model.settings.first(where: { $0.wireName == name }) {
                wireNames[spec.name.rawValue] = name
                settings[spec.name] = .text(value)
                echo[name] = spec.kind == .integer ? (Int(value).map(JSONValue.int) ?? .string(value)) : .string(value)
            } else if !model.prompt.weights, name == "prompt" {
                plainPrompt = value
                echo[name] = .string(value)
            } else if model.prompt.weights, let (index, part) = promptField(name) {
                if part == "text" {
                    texts[index] = value
                } else if let weight = Double(value), weight.isFinite {
                    weights[index] = weight
                } else {
                    problems.append(ValidationProblem(field: name, message: "must be a number"))
                }
            } else {
                problems.append(ValidationProblem(field: name, message: "is not a field of \(model.id) requests"))
            }
        }
        var parts: [PromptPart] = []
        if model.prompt.weights {
            let indices = Set(texts.keys).union(weights.keys).sorted()
            if indices.isEmpty { problems.append(ValidationProblem(field: "prompts", message: "is required")) }
            if indices != Array(0..<indices.count) {
                problems.append(ValidationProblem(field: "prompts", message: "must be numbered from 0 without gaps"))
            }
            for index in indices {
                guard let text = texts[index] else {
                    problems.append(ValidationProblem(field: "prompts[\(index)][text]", message: "is required"))
                    continue
                }
                parts.append(PromptPart(text, weight: weights[index] ?? 1))
            }
            echo["prompts"] = .array(parts.map { part in
                let weight: JSONValue = part.weight == part.weight.rounded() ? .int(Int(part.weight)) : .double(part.weight)
                return .object(["text": .string(part.text), "weight": weight])
            })
        } else if let plainPrompt {
            parts = [PromptPart(plainPrompt)]
        } else {
            problems.append(ValidationProblem(field: "prompt", message: "is required"))
        }
        let request = GenerationRequest(provider: .aiClient, model: model.id, parts: parts, settings: settings)
        return .success((AIClientEntryForm(request: request, content: .object(echo), wireNames: wireNames), problems))
    }

    /// A catalog problem renamed to the field the client sent (`size` → `resolution`,
    /// `prompt[1]` → `prompts[1][text]`).
    func wireProblem(_ problem: ValidationProblem) -> ValidationProblem {
        var renamed = problem
        if let wire = wireNames[problem.field] {
            renamed.field = wire
        } else if problem.field.hasPrefix("prompt["), let model = Catalog.bundled.model(request.model, of: .aiClient),
            model.prompt.weights
        {
            renamed.field = "prompts" + problem.field.dropFirst("prompt".count) + "[text]"
        }
        return renamed
    }

    /// `prompts[3][text]` → (3, "text").
    private static func promptField(_ name: String) -> (Int, String)? {
        guard name.hasPrefix("prompts["), name.hasSuffix("]") else { return nil }
        let inner = name.dropFirst("prompts[".count).dropLast()
        let pieces = inner.split(separator: "][", omittingEmptySubsequences: false)
        guard pieces.count == 2, let index = Int(pieces[0]), index >= 0, index < 100,
            pieces[1] == "text" || pieces[1] == "weight"
        else { return nil }
        return (index, String(pieces[1]))
    }
}
