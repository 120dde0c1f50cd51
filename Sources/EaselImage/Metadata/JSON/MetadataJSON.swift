/// A JSON value as found in image metadata (ComfyUI graphs, InvokeAI records, Easel usage).
///
/// Numbers keep their literal text: ComfyUI seeds run up to 2^64 − 1, which a `Double` would
/// round. Objects are dictionaries; metadata readers look fields up by name, and writers sort keys.
public enum MetadataJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number exactly as written in the source, e.g. `"18446744073709551615"` or `"7.5"`.
    case number(String)
    case string(String)
    case array([MetadataJSON])
    case object([String: MetadataJSON])

    /// Parses UTF-8 JSON text; nil when it is not JSON (or nests deeper than the parser allows).
    public static func parse(_ text: String) -> MetadataJSON? {
        try? MetadataJSONParser.parse(Array(text.utf8))
    }

    /// The field `key` of an object, else nil.
    public subscript(key: String) -> MetadataJSON? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The text of a string value, else nil.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements of an array value, else nil.
    public var arrayValue: [MetadataJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The fields of an object value, else nil.
    public var objectValue: [String: MetadataJSON]? {
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

    /// Compact JSON with sorted keys, so equal values are equal text.
    public var jsonText: String {
        var writer = MetadataJSONWriter()
        writer.write(self)
        return writer.text
    }
}
