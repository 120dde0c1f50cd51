import EaselImage
import Foundation

/// Per-image prices, for the estimate shown before a request is sent. Data (`prices.json`)
/// with the date it was last checked; users replace it with their own copy, since prices
/// change more often than Easel does.
public struct PriceTable: Sendable, Hashable, Codable {
    /// One model's prices: rules tried in order, the first whose settings all match wins.
    public struct Model: Sendable, Hashable, Codable {
        public var provider: String
        public var model: String
        /// `USD`, `credits`, …: what the price counts.
        public var unit: String
        public var perImage: [Rule]

        enum CodingKeys: String, CodingKey {
            case provider, model, unit
            case perImage = "per_image"
        }
    }

    /// A price that applies when every named setting has the given value.
    public struct Rule: Sendable, Hashable, Codable {
        public var when: [String: String]
        public var price: Double
    }

    public var checked: String
    public var prices: [Model]

    /// The table shipped with Easel (compiled in). A broken one is a build defect.
    ///
    /// Read by hand from a parsed tree, as the catalog is, on the way to the studio's first
    /// frame: `JSONDecoder` instantiates its generic containers for each type, which costs
    /// conformance scans of the whole binary. User files keep the decoder and its error
    /// messages; the tests hold the two readings of the shipped table equal.
    public static let bundled: PriceTable = {
        guard let table = JSONValue.parseSmall(Array(BundledJSON.prices.utf8)).flatMap(PriceTable.init(shipped:)) else {
            fatalError("prices.json is invalid")
        }
        return table
    }()


    /// The user's table at `file` when there is one, else the shipped one; a broken user file
    /// is named in `problem` (one line) and the shipped table is used.
    public static func load(userFile: URL) -> (table: PriceTable, problem: String?) {
        guard let data = FileManager.default.contents(atPath: userFile.path) else { return (.bundled, nil) }
        do {
            return (try JSONDecoder().decode(PriceTable.self, from: data), nil)
        } catch {
            return (.bundled, "\(userFile.path) is not a valid price table (\(Self.reason(error))); using the shipped prices")
        }
    }

    /// What `request` should cost, or nil when no price is known for its model and settings.
    public func estimate(_ request: ResolvedRequest) -> CostEstimate? {
        guard let model = prices.first(where: { $0.provider == request.provider.id.rawValue && $0.model == request.model.id }) else {
            return nil
        }
        let rule = model.perImage.first { rule in
            rule.when.allSatisfy { name, value in request[SettingName(rawValue: name)]?.textValue == value }
        }
        guard let rule else { return nil }
        let images = max(1, request[.n]?.integerValue ?? 1)
        return CostEstimate(amount: rule.price * Double(images), unit: model.unit, images: images, checked: checked)
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not JSON"
        default: "unreadable"
        }
    }
}

/// An estimate before sending: the amount for all images, its unit, and when prices were checked.
public struct CostEstimate: Sendable, Hashable {
    public var amount: Double
    public var unit: String
    public var images: Int
    public var checked: String

    /// `≈ $0.080 for 2 images (prices of 2026-11-21)` or `≈ 14 credits …`.
    public var text: String {
        let amountText = unit == "USD" ? String(format: "$%.3f", amount) : "\(Self.number(amount)) \(unit)"
        return "≈ \(amountText)\(images > 1 ? " for \(images) images" : "") (prices of \(checked))"
    }

    /// `14`, or `2.50` when the value has a fraction.
    public static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}

extension PriceTable {
    /// The shipped table from its parsed JSON; nil when a field is missing or of another kind.
    init?(shipped json: JSONValue) {
        guard let checked = json["checked"]?.stringValue, case .array(let models)? = json["prices"] else { return nil }
        var prices: [Model] = []
        for model in models {
            guard let provider = model["provider"]?.stringValue, let name = model["model"]?.stringValue,
                let unit = model["unit"]?.stringValue, case .array(let rules)? = model["per_image"]
            else { return nil }
            var perImage: [Rule] = []
            for rule in rules {
                guard case .object(let conditions)? = rule["when"], case .number(let literal)? = rule["price"],
                    let price = Double(literal)
                else { return nil }
                var when: [String: String] = [:]
                for (setting, value) in conditions {
                    guard case .string(let text) = value else { return nil }
                    when[setting] = text
                }
                perImage.append(Rule(when: when, price: price))
            }
            prices.append(Model(provider: provider, model: name, unit: unit, perImage: perImage))
        }
        self.init(checked: checked, prices: prices)
    }
}
