import EaselCore
import Foundation

/// The JSON a `GenerationRequest` is kept as in the `entry.request` and `job.request` columns.
///
/// The store owns this shape rather than reusing EaselCore's `Codable` conformances: rows outlive
/// builds, and a harmless-looking change there (the settings dictionary is encoded as a flat
/// array today, because `SettingName` is not `CodingKeyRepresentable`) would make old rows
/// unreadable.
struct RequestRecord: Codable, Equatable {
    /// A prompt part: text and weight, negative weights being negative prompts; `kind` only for
    /// parts that are not text (`lora`, `hypernet`, `break`), so text parts keep their old shape
    /// and rows written before kinds existed read as text.
    struct Part: Codable, Equatable {
        var text: String
        var weight: Double
        var kind: String?
    }

    /// A setting value as a bare JSON string, integer or boolean.
    enum Value: Codable, Equatable {
        case text(String)
        case integer(Int)
        case boolean(Bool)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .boolean(value)
            } else if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .boolean(let value): try container.encode(value)
            }
        }
    }

    var provider: String
    var model: String
    var parts: [Part]
    var settings: [String: Value]

    init(_ request: GenerationRequest) {
        provider = request.provider.rawValue
        model = request.model
        parts = request.parts.map { Part(text: $0.text, weight: $0.weight, kind: $0.kind == .text ? nil : $0.kind.rawValue) }
        settings = Dictionary(uniqueKeysWithValues: request.settings.map { name, value in
            let stored: Value =
                switch value {
                case .text(let text): .text(text)
                case .integer(let number): .integer(number)
                case .boolean(let flag): .boolean(flag)
                }
            return (name.rawValue, stored)
        })
    }

    var request: GenerationRequest {
        GenerationRequest(
            provider: ProviderID(rawValue: provider), model: model,
            parts: parts.map { PromptPart($0.text, weight: $0.weight, kind: $0.kind.flatMap(PromptPart.Kind.init(rawValue:)) ?? .text) },
            settings: Dictionary(uniqueKeysWithValues: settings.map { name, value in
                let setting: SettingValue =
                    switch value {
                    case .text(let text): .text(text)
                    case .integer(let number): .integer(number)
                    case .boolean(let flag): .boolean(flag)
                    }
                return (SettingName(name), setting)
            }))
    }

    /// Compact JSON with sorted keys, so equal requests are equal text.
    static func json(_ request: GenerationRequest) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = nonFinite
        // With non-finite weights spelled out, strings, numbers and booleans always encode.
        let data = (try? encoder.encode(RequestRecord(request))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The request a column holds, or nil when the text is not one (a row from a newer Easel).
    static func request(fromJSON text: String?) -> GenerationRequest? {
        guard let text else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = nonFiniteDecoding
        return (try? decoder.decode(RequestRecord.self, from: Data(text.utf8)))?.request
    }

    // JSON has no infinities; a weight of -inf ("never this") must still round-trip.
    static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    private static let nonFiniteDecoding = JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
}
