/// Writes JSON text deterministically: sorted keys for `JSONValue`, caller order for
/// `OrderedJSON`, fixed escaping, and optional two-space indentation.
struct JSONWriter {
    /// The text written so far.
    private(set) var text = ""
    /// Indent nested values on their own lines (for `easel inspect --json`).
    var pretty = false
    private var depth = 0

    /// Writes `value` with object keys in sorted order.
    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(let literal): text += literal
        case .string(let string): text += Self.quoted(string)
        case .array(let elements):
            writeList(open: "[", close: "]", count: elements.count) { writer, index in writer.write(elements[index]) }
        case .object(let fields):
            let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            writeList(open: "{", close: "}", count: keys.count) { writer, index in
                writer.text += Self.quoted(keys[index]) + (writer.pretty ? ": " : ":")
                writer.write(fields[keys[index]] ?? .null)
            }
        }
    }

    /// Writes `value` with object keys in the order given.
    mutating func write(_ value: OrderedJSON) {
        switch value {
        case .null: text += "null"
        case .int(let number): text += String(number)
        case .string(let string): text += Self.quoted(string)
        case .array(let elements):
            writeList(open: "[", close: "]", count: elements.count) { writer, index in writer.write(elements[index]) }
        case .object(let fields):
            writeList(open: "{", close: "}", count: fields.count) { writer, index in
                writer.text += Self.quoted(fields[index].key) + (writer.pretty ? ": " : ":")
                writer.write(fields[index].value)
            }
        }
    }

    private mutating func writeList(
        open: String, close: String, count: Int, element: (inout JSONWriter, Int) -> Void
    ) {
        text += open
        guard count > 0 else {
            text += close
            return
        }
        depth += 1
        for index in 0..<count {
            if index > 0 { text += "," }
            if pretty { text += "\n" + String(repeating: "  ", count: depth) }
            element(&self, index)
        }
        depth -= 1
        if pretty { text += "\n" + String(repeating: "  ", count: depth) }
        text += close
    }

    /// `string` as a JSON string literal: quote, backslash and C0 controls escaped, the rest
    /// (including non-ASCII) written as is.
    static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The shortest text that reads back as `value` (Swift's own round-trip formatting).
    static func numberText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
