import EaselImage
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
            case .number:
                if let number = value.integerValue {
                    settings[spec.name] = .integer(number)
                } else if let number = value.doubleValue {
                    settings[spec.name] = .text(String(number))
                }
            case .bool(let flag): settings[spec.name] = .boolean(flag)
            case .string(let text): settings[spec.name] = .text(text)
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
    ///
    /// Parsed by hand: a sync reads tens of thousands of them, and Foundation's ISO 8601
    /// formatter builds an ICU formatter each time. Accepts `Z` or a `±HH:MM` offset and any
    /// number of fraction digits; anything else is nil.
    public static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 32,
            bytes[13] == 58, bytes[16] == 58,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == 46 {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case 90:  // Z
            guard index + 1 == bytes.count else { return nil }
        case 43, 45:  // + or -
            guard index + 6 == bytes.count, bytes[index + 3] == 58, let hours = number(index + 1, 2), let minutes = number(index + 4, 2)
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
        default:
            return nil
        }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's method).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
        return Date(timeIntervalSince1970: seconds + fraction)
    }
}
