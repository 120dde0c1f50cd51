/// Values for `TOMLParser`: strings (basic, literal, multi-line), numbers, booleans, arrays and
/// inline tables.
extension TOMLParser {
    // MARK: - Values

    mutating func value() throws(TOMLSyntaxError) -> TOMLValue {
        guard let next = peek else { throw error("expected a value, found the end of the file") }
        switch next {
        case "\"":
            let multiline = peek(at: 1) == "\"" && peek(at: 2) == "\""
            return .string(try string(quote: "\"", multiline: multiline))
        case "'":
            let multiline = peek(at: 1) == "'" && peek(at: 2) == "'"
            return .string(try string(quote: "'", multiline: multiline))
        case "[":
            return try nested { (parser: inout TOMLParser) throws(TOMLSyntaxError) in try parser.array() }
        case "{":
            return try nested { (parser: inout TOMLParser) throws(TOMLSyntaxError) in try parser.inlineTable() }
        case "t", "f":
            if matches("true") {
                advance(by: 4)
                return .boolean(true)
            }
            if matches("false") {
                advance(by: 5)
                return .boolean(false)
            }
            throw error("expected a value (true or false?), found \(Self.describe(next))")
        case "+", "-", "i", "n", "0"..."9":
            return try number()
        default:
            throw error("expected a value, found \(Self.describe(next))")
        }
    }

    mutating func nested(_ read: (inout TOMLParser) throws(TOMLSyntaxError) -> TOMLValue) throws(TOMLSyntaxError) -> TOMLValue {
        guard depth < TOML.maxDepth else { throw error("arrays and tables nest deeper than \(TOML.maxDepth) levels") }
        depth += 1
        defer { depth -= 1 }
        return try read(&self)
    }

    func matches(_ word: String) -> Bool {
        for (offset, scalar) in word.unicodeScalars.enumerated() where peek(at: offset) != scalar {
            return false
        }
        let after = peek(at: word.unicodeScalars.count)
        return after.map { !Self.isBareKey($0) } ?? true
    }

    mutating func array() throws(TOMLSyntaxError) -> TOMLValue {
        advance()
        var items: [TOMLValue] = []
        while true {
            try skipBlankLinesAndComments()
            if peek == "]" {
                advance()
                return .array(items)
            }
            items.append(try value())
            try skipBlankLinesAndComments()
            if peek == "," {
                advance()
                continue
            }
            guard peek == "]" else {
                throw error("expected ',' or ']' in the array, found \(Self.describe(peek))")
            }
            advance()
            return .array(items)
        }
    }

    mutating func inlineTable() throws(TOMLSyntaxError) -> TOMLValue {
        advance()
        var table = TOMLTable()
        skipWhitespace()
        if peek == "}" {
            advance()
            return .table(table)
        }
        while true {
            let start = position
            let path = try keyPath()
            guard peek == "=" else {
                throw error("expected '=' after the key \(path.joined(separator: ".")), found \(Self.describe(peek))")
            }
            advance()
            skipWhitespace()
            try Self.insert(try value(), at: path[...], into: &table, position: start)
            skipWhitespace()
            if peek == "," {
                advance()
                skipWhitespace()
                if peek == "}" { throw error("an inline table takes no comma after its last value") }
                continue
            }
            guard peek == "}" else {
                let found = Self.describe(peek)
                throw error("expected ',' or '}' in the inline table (it must fit on one line), found \(found)")
            }
            advance()
            return .table(table)
        }
    }

    // MARK: - Strings

    /// A string opened by `quote`: `"` (basic, with escapes) or `'` (literal, taken as written),
    /// on one line or, after three quotes, over several.
    mutating func string(quote: Unicode.Scalar, multiline: Bool) throws(TOMLSyntaxError) -> String {
        let escapes = quote == "\""
        let start = position
        advance(by: multiline ? 3 : 1)
        if multiline { _ = try newline() }
        var text = String.UnicodeScalarView()
        while true {
            guard let next = peek else { throw error("the string has no closing quote", at: start) }
            if next == quote {
                if closes(with: next, multiline: multiline, text: &text) { return String(text) }
            } else if escapes, next == "\\" {
                if multiline, try skipLineEndingBackslash() { continue }
                text.append(try escape())
                continue
            } else if next == "\n" || next == "\r" {
                guard multiline else {
                    let three = String(repeating: String(quote), count: 3)
                    throw error("the string has no closing quote on its line (use \(three) for text over several lines)", at: start)
                }
                _ = try newline()
                text.append("\n")
                continue
            } else if next != "\t", Self.isControl(next) {
                let hint = escapes ? " (write it as an escape such as \\u001B)" : ""
                throw error("control character \(Self.describe(next)) in a string\(hint)")
            }
            text.append(next)
            advance()
        }
    }

    /// At a `quote`: whether it closes the string (consuming the delimiter). A multi-line string
    /// closes at three quotes, and up to two more just before them belong to the text.
    mutating func closes(with quote: Unicode.Scalar, multiline: Bool, text: inout String.UnicodeScalarView) -> Bool {
        guard multiline else {
            advance()
            return true
        }
        guard peek(at: 1) == quote, peek(at: 2) == quote else { return false }
        var extra = 0
        while extra < 2, peek(at: 3 + extra) == quote { extra += 1 }
        for _ in 0..<extra { text.append(quote) }
        advance(by: 3 + extra)
        return true
    }

    /// In a multi-line basic string, `\` at the end of a line trims the newline and the
    /// whitespace that follows. Returns false (consuming nothing) for any other backslash.
    mutating func skipLineEndingBackslash() throws(TOMLSyntaxError) -> Bool {
        var offset = 1
        while peek(at: offset) == " " || peek(at: offset) == "\t" { offset += 1 }
        guard peek(at: offset) == "\n" || (peek(at: offset) == "\r" && peek(at: offset + 1) == "\n") else { return false }
        advance(by: offset)
        while true {
            skipWhitespace()
            if try !newline() { return true }
        }
    }

    mutating func escape() throws(TOMLSyntaxError) -> Unicode.Scalar {
        let start = position
        advance()
        guard let code = peek else { throw error("the string has no closing quote", at: start) }
        advance()
        switch code {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = code == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = peek, let nibble = Self.hexValue(digit) else {
                    throw error("\\\(code) needs \(count) hexadecimal digits", at: start)
                }
                value = value << 4 | nibble
                advance()
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error("\\\(code) names U+\(String(value, radix: 16, uppercase: true)), which is not a Unicode scalar", at: start)
            }
            return scalar
        default:
            throw error("unknown escape \\\(code) (use \\\\ for a backslash)", at: start)
        }
    }

    static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    // MARK: - Numbers

    mutating func number() throws(TOMLSyntaxError) -> TOMLValue {
        let start = position
        var token = ""
        while let next = peek, Self.isBareKey(next) || next == "+" || next == "." || next == ":" {
            token.unicodeScalars.append(next)
            advance()
        }
        // A date or time: `1979-05-27`, `07:32:00`, `1979-05-27T07:32:00Z`.
        if token.contains(":") || (token.count >= 10 && Self.isDigit(token.unicodeScalars.first) && token.dropFirst(4).first == "-") {
            throw error("dates and times are not supported in Easel's files; quote it as a string", at: start)
        }
        if let value = Self.integer(token) { return .integer(value) }
        if let value = Self.float(token) { return .float(value) }
        let digits = token.trimmingSign
        let tooBig = Self.isDecimalDigits(digits) && !(digits.count > 1 && digits.first == "0")
        throw error(tooBig ? "\(token) does not fit in 64 bits" : "\(token) is not a number", at: start)
    }

    /// Digits with single underscores between them.
    static func isDecimalDigits(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, first != "_", last != "_", !text.contains("__") else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") }
    }

    static func integer(_ token: String) -> Int64? {
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where token.hasPrefix(prefix) {
            let digits = token.dropFirst(2)
            guard let first = digits.first, let last = digits.last, first != "_", last != "_", !digits.contains("__") else { return nil }
            return Int64(digits.filter { $0 != "_" }, radix: radix)
        }
        let unsigned = token.trimmingSign
        guard isDecimalDigits(unsigned) else { return nil }
        if unsigned.count > 1, unsigned.first == "0" { return nil }
        return Int64(token.filter { $0 != "_" })
    }

    static func float(_ token: String) -> Double? {
        let unsigned = token.trimmingSign
        let negative = token.hasPrefix("-")
        if unsigned == "inf" { return negative ? -.infinity : .infinity }
        if unsigned == "nan" { return .nan }
        // int-part, then `.` fraction and/or an exponent.
        var rest = unsigned[...]
        var exponent: Substring?
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = rest[rest.index(after: e)...]
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, isDecimalDigits(parts[0]) else { return nil }
        if parts[0].count > 1, parts[0].first == "0" { return nil }
        if parts.count == 2, !isDecimalDigits(parts[1]) { return nil }
        if let exponent {
            guard isDecimalDigits(exponent.trimmingSign) else { return nil }
        } else if parts.count == 1 {
            return nil
        }
        return Double(token.filter { $0 != "_" })
    }
}

extension StringProtocol {
    /// The text without one leading `+` or `-`.
    var trimmingSign: SubSequence {
        first == "+" || first == "-" ? dropFirst() : self[...]
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
