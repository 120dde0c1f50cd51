extension JSONValue: Codable {
    /// Decodes any JSON value; numbers become their shortest exact text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Integers before doubles so large seeds keep every digit; numbers before Bool, so a 0
        // or 1 can never come back as a Bool.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(UInt64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(JSONWriter.numberText(value))
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value; a number literal is re-read so the encoder writes a real number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .number(let literal):
            if let value = Int64(literal) {
                try container.encode(value)
            } else if let value = UInt64(literal) {
                try container.encode(value)
            } else if let value = Double(literal), value.isFinite {
                try container.encode(value)
            } else {
                // Only reachable for a hand-built `.number` that is not a number.
                try container.encode(literal)
            }
        }
    }
}
