/// The reader behind `TOML.parse`: one pass over the text's Unicode scalars, tracking line and
/// column, building the root table as it goes. Every branch that meets something unexpected
/// throws a located error; nothing traps.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var root = TOMLTable()
    /// The table `key = value` lines go into: the path of the last header (empty: the root).
    private var current: [String] = []
    private var depth = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func document() throws(TOMLSyntaxError) -> TOMLTable {
        if peek == "\u{FEFF}" { advance() }
        while true {
            try skipBlankLinesAndComments()
            guard let next = peek else { return root }
            if next == "[" {
                try header()
            } else {
                try keyValueLine()
            }
            try endOfLine()
        }
    }

    // MARK: - Reading

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(at offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private var position: TOMLPosition { TOMLPosition(line: line, column: column) }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    private func error(_ message: String, at place: TOMLPosition? = nil) -> TOMLSyntaxError {
        let at = place ?? position
        return TOMLSyntaxError(line: at.line, column: at.column, message: message)
    }

    /// How a scalar reads in a message.
    private static func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the end of the file" }
        if scalar == "\n" || scalar == "\r" { return "the end of the line" }
        if Self.isControl(scalar) || scalar.properties.generalCategory == .format {
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "'\(scalar)'"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }

    private static func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."9").contains(scalar)
    }

    // MARK: - Layout

    private mutating func skipWhitespace() {
        while peek == " " || peek == "\t" { advance() }
    }

    private mutating func skipComment() throws(TOMLSyntaxError) {
        guard peek == "#" else { return }
        while let next = peek, next != "\n" {
            if next == "\r", peek(at: 1) == "\n" { return }
            if next != "\t", Self.isControl(next) {
                throw error("control character \(Self.describe(next)) in a comment")
            }
            advance()
        }
    }

    /// Consumes a newline (LF or CRLF) if one is next; a lone CR is an error.
    private mutating func newline() throws(TOMLSyntaxError) -> Bool {
        if peek == "\n" {
            advance()
            return true
        }
        if peek == "\r" {
            guard peek(at: 1) == "\n" else { throw error("a carriage return not followed by a line feed") }
            advance(by: 2)
            return true
        }
        return false
    }

    private mutating func skipBlankLinesAndComments() throws(TOMLSyntaxError) {
        while true {
            skipWhitespace()
            try skipComment()
            if try !newline() { return }
        }
    }

    /// After a header or a value: spaces, a comment, then a newline or the end of the file.
    private mutating func endOfLine() throws(TOMLSyntaxError) {
        skipWhitespace()
        try skipComment()
        if peek == nil { return }
        if try !newline() {
            throw error("expected the end of the line, found \(Self.describe(peek))")
        }
    }

    // MARK: - Keys and tables

    /// A key, possibly dotted: `a`, `"a b".c`, `a . 'b'`.
    private mutating func keyPath() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipWhitespace()
            parts.append(try keySegment())
            skipWhitespace()
            guard peek == "." else { return parts }
            advance()
        }
    }

    private mutating func keySegment() throws(TOMLSyntaxError) -> String {
        guard let next = peek else { throw error("expected a key, found the end of the file") }
        if next == "\"" { return try basicString(multiline: false) }
        if next == "'" { return try literalString(multiline: false) }
        guard Self.isBareKey(next) else {
            throw error("expected a key (letters, digits, _ and -, or a quoted key), found \(Self.describe(next))")
        }
        var key = String.UnicodeScalarView()
        while let scalar = peek, Self.isBareKey(scalar) {
            key.append(scalar)
            advance()
        }
        return String(key)
    }

    /// `[a.b]` or `[[a.b]]`: the table the following lines fill.
    private mutating func header() throws(TOMLSyntaxError) {
        let start = position
        advance()
        let isArray = peek == "["
        if isArray { advance() }
        let path = try keyPath()
        guard peek == "]" else {
            throw error("expected ']' to close the table header, found \(Self.describe(peek))")
        }
        advance()
        if isArray {
            guard peek == "]" else { throw error("expected ']]' to close the array-of-tables header") }
            advance()
        }
        try Self.define(path[...], isArray: isArray, in: &root, at: start, shown: path)
        current = path
    }

    private static func define(
        _ path: ArraySlice<String>, isArray: Bool, in table: inout TOMLTable, at start: TOMLPosition, shown: [String]
    ) throws(TOMLSyntaxError) {
        guard let key = path.first else { return }
        let name = "[" + shown.joined(separator: ".") + "]"
        let last = path.count == 1
        guard let existing = table.index(of: key) else {
            if last {
                let value: TOMLValue = isArray ? .array([.table(TOMLTable())]) : .table(TOMLTable())
                table.append(.init(key: key, value: value, position: start, origin: isArray ? .arrayOfTables : .header))
                return
            }
            table.append(.init(key: key, value: .table(TOMLTable()), position: start, origin: .implicit))
            return try define(path, isArray: isArray, in: &table, at: start, shown: shown)
        }
        let entry = table.entries[existing]
        let first = "line \(entry.position.line)"
        if last {
            switch (isArray, entry.origin) {
            case (true, .arrayOfTables):
                table.appendTable(at: existing)
            case (false, .implicit):
                table.setOrigin(.header, at: existing, position: start)
            case (false, .header):
                throw TOMLSyntaxError(line: start.line, column: start.column, message: "table \(name) is defined twice (first at \(first))")
            case (_, .value):
                throw TOMLSyntaxError(line: start.line, column: start.column, message: "\(key) already holds a value (at \(first))")
            default:
                throw TOMLSyntaxError(line: start.line, column: start.column, message: "\(name) redefines \(key) (first at \(first))")
            }
            return
        }
        guard entry.origin != .value else {
            throw TOMLSyntaxError(line: start.line, column: start.column, message: "\(key) already holds a value (at \(first)), so \(name) cannot be a table inside it")
        }
        try table.withChild(at: existing) { (child: inout TOMLTable) throws(TOMLSyntaxError) in
            try define(path.dropFirst(), isArray: isArray, in: &child, at: start, shown: shown)
        }
    }

    /// `key = value`, into the current table.
    private mutating func keyValueLine() throws(TOMLSyntaxError) {
        let start = position
        let path = try keyPath()
        guard peek == "=" else {
            throw error("expected '=' after the key \(path.joined(separator: ".")), found \(Self.describe(peek))")
        }
        advance()
        skipWhitespace()
        let value = try value()
        try Self.within(current[...], of: &root) { (table: inout TOMLTable) throws(TOMLSyntaxError) in
            try Self.insert(value, at: path[...], into: &table, position: start)
        }
    }

    /// Runs `body` on the table at `path` below `table` (the last table of an array of tables).
    private static func within(
        _ path: ArraySlice<String>, of table: inout TOMLTable, _ body: (inout TOMLTable) throws(TOMLSyntaxError) -> Void
    ) throws(TOMLSyntaxError) {
        guard let key = path.first else { return try body(&table) }
        guard let index = table.index(of: key) else { return }
        try table.withChild(at: index) { (child: inout TOMLTable) throws(TOMLSyntaxError) in
            try within(path.dropFirst(), of: &child, body)
        }
    }

    private static func insert(
        _ value: TOMLValue, at path: ArraySlice<String>, into table: inout TOMLTable, position: TOMLPosition
    ) throws(TOMLSyntaxError) {
        guard let key = path.first else { return }
        let existing = table.index(of: key)
        if path.count == 1 {
            if let existing {
                let first = table.entries[existing].position.line
                throw TOMLSyntaxError(line: position.line, column: position.column, message: "\(key) is defined twice (first at line \(first))")
            }
            table.append(.init(key: key, value: value, position: position, origin: .value))
            return
        }
        guard let existing else {
            table.append(.init(key: key, value: .table(TOMLTable()), position: position, origin: .dotted))
            return try insert(value, at: path, into: &table, position: position)
        }
        let entry = table.entries[existing]
        guard entry.origin == .dotted || entry.origin == .implicit else {
            let what = entry.origin == .value ? "already holds a value" : "is a table defined elsewhere"
            throw TOMLSyntaxError(
                line: position.line, column: position.column, message: "\(key) \(what) (at line \(entry.position.line))")
        }
        try table.withChild(at: existing) { (child: inout TOMLTable) throws(TOMLSyntaxError) in
            try insert(value, at: path.dropFirst(), into: &child, position: position)
        }
    }

    // MARK: - Values

    private mutating func value() throws(TOMLSyntaxError) -> TOMLValue {
        guard let next = peek else { throw error("expected a value, found the end of the file") }
        switch next {
        case "\"":
            let multiline = peek(at: 1) == "\"" && peek(at: 2) == "\""
            return .string(try basicString(multiline: multiline))
        case "'":
            let multiline = peek(at: 1) == "'" && peek(at: 2) == "'"
            return .string(try literalString(multiline: multiline))
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

    private mutating func nested(_ read: (inout TOMLParser) throws(TOMLSyntaxError) -> TOMLValue) throws(TOMLSyntaxError) -> TOMLValue {
        guard depth < TOML.maxDepth else { throw error("arrays and tables nest deeper than \(TOML.maxDepth) levels") }
        depth += 1
        defer { depth -= 1 }
        return try read(&self)
    }

    private func matches(_ word: String) -> Bool {
        for (offset, scalar) in word.unicodeScalars.enumerated() where peek(at: offset) != scalar {
            return false
        }
        let after = peek(at: word.unicodeScalars.count)
        return after.map { !Self.isBareKey($0) } ?? true
    }

    private mutating func array() throws(TOMLSyntaxError) -> TOMLValue {
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

    private mutating func inlineTable() throws(TOMLSyntaxError) -> TOMLValue {
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

    private mutating func basicString(multiline: Bool) throws(TOMLSyntaxError) -> String {
        let start = position
        advance(by: multiline ? 3 : 1)
        if multiline { _ = try newline() }
        var text = String.UnicodeScalarView()
        while true {
            guard let next = peek else { throw error("the string has no closing quote", at: start) }
            if next == "\"" {
                if closes(with: next, multiline: multiline, text: &text) { return String(text) }
                text.append(next)
                advance()
                continue
            }
            if next == "\\" {
                if multiline, try skipLineEndingBackslash() { continue }
                text.append(try escape())
                continue
            }
            if next == "\n" || next == "\r" {
                guard multiline else {
                    throw error("the string has no closing quote on its line (use \"\"\" for text over several lines)", at: start)
                }
                _ = try newline()
                text.append("\n")
                continue
            }
            if next != "\t", Self.isControl(next) {
                throw error("control character \(Self.describe(next)) in a string (write it as an escape such as \\u001B)")
            }
            text.append(next)
            advance()
        }
    }

    /// At a `quote`: whether it closes the string (consuming the delimiter). A multi-line string
    /// closes at three quotes, and up to two more just before them belong to the text.
    private mutating func closes(with quote: Unicode.Scalar, multiline: Bool, text: inout String.UnicodeScalarView) -> Bool {
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
    private mutating func skipLineEndingBackslash() throws(TOMLSyntaxError) -> Bool {
        var offset = 1
        while peek(at: offset) == " " || peek(at: offset) == "\t" { offset += 1 }
        guard peek(at: offset) == "\n" || (peek(at: offset) == "\r" && peek(at: offset + 1) == "\n") else { return false }
        advance(by: offset)
        while true {
            skipWhitespace()
            if try !newline() { return true }
        }
    }

    private mutating func escape() throws(TOMLSyntaxError) -> Unicode.Scalar {
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

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    private mutating func literalString(multiline: Bool) throws(TOMLSyntaxError) -> String {
        let start = position
        advance(by: multiline ? 3 : 1)
        if multiline { _ = try newline() }
        var text = String.UnicodeScalarView()
        while true {
            guard let next = peek else { throw error("the string has no closing quote", at: start) }
            if next == "'" {
                if closes(with: next, multiline: multiline, text: &text) { return String(text) }
            } else if next == "\n" || next == "\r" {
                guard multiline else {
                    throw error("the string has no closing quote on its line (use ''' for text over several lines)", at: start)
                }
                _ = try newline()
                text.append("\n")
                continue
            } else if next != "\t", Self.isControl(next) {
                throw error("control character \(Self.describe(next)) in a string")
            }
            text.append(next)
            advance()
        }
    }

    // MARK: - Numbers

    private mutating func number() throws(TOMLSyntaxError) -> TOMLValue {
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
    private static func isDecimalDigits(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, first != "_", last != "_", !text.contains("__") else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") }
    }

    private static func integer(_ token: String) -> Int64? {
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

    private static func float(_ token: String) -> Double? {
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
    fileprivate var trimmingSign: SubSequence {
        first == "+" || first == "-" ? dropFirst() : self[...]
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
