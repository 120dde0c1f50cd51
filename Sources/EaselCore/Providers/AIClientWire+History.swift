import Foundation

extension AIClientWire {
    /// The request a request entry's `content` describes, as Easel's own model: the weighted
    /// prompts (or the single prompt) and every setting the catalog knows by its wire name.
    /// Used to mirror threads made elsewhere and to load an old entry back into the composer.
    public static func request(fromContent content: JSONValue, model: String, catalog: Catalog = .bundled) -> GenerationRequest {
        var parts: [PromptPart] = []
        if let prompts = content["prompts"]?.arrayValue {
            for prompt in prompts {
                guard let text = prompt["text"]?.stringValue else { continue }
                parts.append(PromptPart(text, weight: prompt["weight"]?.doubleValue ?? 1))
            }
        } else if let text = content["prompt"]?.stringValue {
            parts.append(PromptPart(text))
        }
        var settings: [SettingName: SettingValue] = [:]
        let specs = catalog.model(model, of: .aiClient)?.settings ?? []
        for spec in specs {
            guard let value = content[spec.wireName] else { continue }
            switch value {
            case .int(let number): settings[spec.name] = .integer(number)
            case .bool(let flag): settings[spec.name] = .boolean(flag)
            case .string(let text): settings[spec.name] = .text(text)
            case .double(let number): settings[spec.name] = .text(String(number))
            default: continue
            }
        }
        return GenerationRequest(provider: .aiClient, model: model, parts: parts, settings: settings)
    }

    /// The model a thread most likely has when only its entries are known (a thread imported by
    /// guid from a server without a thread list): weighted `prompts` or an `engine` mean Stable
    /// Diffusion; a plain `prompt` means DALL·E 2.
    public static func model(inferredFrom entries: [AIClientEntry]) -> String {
        let request = entries.first { $0.isRequest }?.content
        if request?["prompts"] != nil || request?["engine"] != nil { return "stablediffusion_text2img" }
        return "dalle2_text2img"
    }

    /// ai-client's timestamps (`2023-07-13T19:56:25.000000Z`, Laravel's format) as dates.
    public static func date(_ text: String?) -> Date? {
        guard var text else { return nil }
        // ISO8601DateFormatter takes at most milliseconds, so the microseconds are cut to three.
        if let dot = text.firstIndex(of: "."), let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            let fraction = text[text.index(after: dot)..<zone].prefix(3)
            text = String(text[..<dot]) + "." + fraction.padding(toLength: 3, withPad: "0", startingAt: 0) + String(text[zone...])
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
