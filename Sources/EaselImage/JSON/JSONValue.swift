import Foundation

/// Any JSON value: server replies whose shape varies, requests built field by field, replies
/// kept as they came, and metadata found in image files (ComfyUI graphs, InvokeAI records,
/// Easel usage). The one JSON value type of Easel; it lives here, below EaselCore, so the image
/// metadata code and the client core share it.
///
/// Numbers keep their literal text: ComfyUI seeds run up to 2^64 − 1, which a `Double` would
/// round. `parse` is depth-limited (`JSONParser.maximumDepth`) and never traps.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number exactly as written in the source, e.g. `"18446744073709551615"` or `"7.5"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// An integer.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A floating-point number, encoded as a `Double` is (`7.5`, `3.0`); JSON has no NaN or
    /// infinity, so those are null.
    public static func double(_ value: Double) -> JSONValue {
        value.isFinite ? .number(String(value)) : .null
    }

    /// Parses JSON bytes as RFC 8259 has them (no `NaN`/`Infinity`, valid UTF-8); nil when they
    /// are not JSON. Through Foundation's decoder, as server replies always were: it is built
    /// optimised even in debug builds, where our byte-at-a-time parser made multi-megabyte
    /// base64 replies slow enough to starve the test suite's few threads.
    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// Parses JSON bytes as RFC 8259 has them with Easel's own parser rather than Foundation's
    /// decoder: for small documents read on the way to the first frame (the catalog), where
    /// the decoder's generic machinery costs more than the parsing. Nil when they are not JSON.
    public static func parseSmall(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONParser.parse(bytes, nonFiniteNumbers: false)
    }

    /// Parses JSON text written by Python (`json.dumps` writes `NaN`, `Infinity`, `-Infinity`),
    /// as image metadata is; nil when it is not JSON.
    public static func parse(pythonText text: String) -> JSONValue? {
        try? JSONParser.parse(Array(text.utf8), nonFiniteNumbers: true)
    }

    /// The field `key` of an object, else nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The text of a string value, else nil.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A whole number: an integer literal, a float literal with nothing after the point (below
    /// 10^15), or a string holding an integer.
    public var intValue: Int? {
        switch self {
        case .number(let literal):
            if let value = Int(literal) { return value }
            guard let value = Double(literal), value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return nil }
            return Int(value)
        case .string(let value): return Int(value)
        default: return nil
        }
    }

    /// The number when it is written as an integer (`3`, not `3.0` or `"3"`), as a strict
    /// server reads an integer field.
    public var integerValue: Int? {
        if case .number(let literal) = self { return Int(literal) }
        return nil
    }

    /// Whether this is a number.
    public var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    /// A finite number, from a number or a string holding one.
    public var doubleValue: Double? {
        switch self {
        case .number(let literal): Double(literal).flatMap { $0.isFinite ? $0 : nil }
        case .string(let value): Double(value)
        default: nil
        }
    }

    /// A boolean, or what servers mean by one: a non-zero integer, `"true"`/`"1"`,
    /// `"false"`/`"0"`.
    public var boolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .number(let literal): Int(literal).map { $0 != 0 }
        case .string(let value): ["true", "1"].contains(value.lowercased()) ? true : (["false", "0"].contains(value.lowercased()) ? false : nil)
        default: nil
        }
    }

    /// The elements of an array value, else nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The fields of an object value, else nil.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// A scalar as display text: strings as they are, numbers as written, booleans as
    /// `true`/`false`; nil for null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case .string(let value): value
        case .number(let literal): literal
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// Compact JSON as Foundation's encoder writes it (sorted keys, `/` unescaped): the bytes
    /// requests carry and the journal keeps.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }

    /// Compact JSON with keys sorted by their UTF-8 bytes and numbers as written: the same text
    /// on every platform, for what Easel writes into image files and reports.
    public var sortedText: String {
        var writer = JSONWriter()
        writer.write(self)
        return writer.text
    }
}
