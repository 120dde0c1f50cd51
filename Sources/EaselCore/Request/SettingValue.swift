/// A typed value of one generation setting, as the catalog's setting kinds need them.
public enum SettingValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case text(String)
    case integer(Int)
    case boolean(Bool)

    public var description: String {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .boolean(let value): value ? "true" : "false"
        }
    }

    /// The value as text, whatever its kind (sizes, enums and numbers all print plainly).
    public var textValue: String { description }

    /// The value as an integer when it is one, or is text that reads as one.
    public var integerValue: Int? {
        switch self {
        case .integer(let value): value
        case .text(let value): Int(value)
        case .boolean: nil
        }
    }

    /// The value as a decimal number when it is one, or is text that reads as one.
    public var numberValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .text(let value): Double(value).flatMap { $0.isFinite ? $0 : nil }
        case .boolean: nil
        }
    }

    /// A number as settings keep it: `7`, `7.5`, `0.35` (no trailing zeros, no exponent for the
    /// values settings take).
    public static func canonicalNumber(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        var text = String(format: "%.6f", number)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// The value as a flag when it is one, or is text that reads as one.
    public var booleanValue: Bool? {
        switch self {
        case .boolean(let value): value
        case .text(let value): ["true", "1", "yes"].contains(value) ? true : ["false", "0", "no"].contains(value) ? false : nil
        case .integer: nil
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Text first, then whole numbers: that is how often each occurs (the catalog's 175
        // defaults are 94 texts, 64 numbers, 11 booleans), and each failed attempt builds an
        // error with its coding path and message. JSON never reads one kind as another, so the
        // order does not change what a value becomes; a value of none of the three kinds fails
        // with the text error, as before.
        if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        }
    }
}
