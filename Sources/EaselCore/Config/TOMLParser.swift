/// The reader behind `TOML.parse`: one pass over the text's Unicode scalars, tracking line and
/// column, building the root table as it goes. Every branch that meets something unexpected
/// throws a located error; nothing traps. This file reads the layout, keys and tables;
/// `TOMLParser+Values.swift` the values. Nothing here is used outside `TOML.parse`.
struct TOMLParser {
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var column = 1
    var root = TOMLTable()
    /// The table `key = value` lines go into: the path of the last header (empty: the root).
    var current: [String] = []
    var depth = 0

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

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(at offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    var position: TOMLPosition { TOMLPosition(line: line, column: column) }

    mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    func error(_ message: String, at place: TOMLPosition? = nil) -> TOMLSyntaxError {
        let at = place ?? position
        return TOMLSyntaxError(line: at.line, column: at.column, message: message)
    }

    /// How a scalar reads in a message.
    static func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the end of the file" }
        if scalar == "\n" || scalar == "\r" { return "the end of the line" }
        if Self.isControl(scalar) || scalar.properties.generalCategory == .format {
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "'\(scalar)'"
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }

    static func isBareKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."9").contains(scalar)
    }

    // MARK: - Layout

    mutating func skipWhitespace() {
        while peek == " " || peek == "\t" { advance() }
    }

    mutating func skipComment() throws(TOMLSyntaxError) {
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
    mutating func newline() throws(TOMLSyntaxError) -> Bool {
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

    mutating func skipBlankLinesAndComments() throws(TOMLSyntaxError) {
        while true {
            skipWhitespace()
            try skipComment()
            if try !newline() { return }
        }
    }

    /// After a header or a value: spaces, a comment, then a newline or the end of the file.
    mutating func endOfLine() throws(TOMLSyntaxError) {
        skipWhitespace()
        try skipComment()
        if peek == nil { return }
        if try !newline() {
            throw error("expected the end of the line, found \(Self.describe(peek))")
        }
    }

    // MARK: - Keys and tables

    /// A key, possibly dotted: `a`, `"a b".c`, `a . 'b'`.
    mutating func keyPath() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipWhitespace()
            // Each part is a table inside the last: past the nesting limit, refused at once.
            guard parts.count < TOML.maxDepth else { throw error("a dotted key of more than \(TOML.maxDepth) parts") }
            parts.append(try keySegment())
            skipWhitespace()
            guard peek == "." else { return parts }
            advance()
        }
    }

    mutating func keySegment() throws(TOMLSyntaxError) -> String {
        guard let next = peek else { throw error("expected a key, found the end of the file") }
        if next == "\"" || next == "'" { return try string(quote: next, multiline: false) }
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
    mutating func header() throws(TOMLSyntaxError) {
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

    static func define(
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
    mutating func keyValueLine() throws(TOMLSyntaxError) {
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
    static func within(
        _ path: ArraySlice<String>, of table: inout TOMLTable, _ body: (inout TOMLTable) throws(TOMLSyntaxError) -> Void
    ) throws(TOMLSyntaxError) {
        guard let key = path.first else { return try body(&table) }
        guard let index = table.index(of: key) else { return }
        try table.withChild(at: index) { (child: inout TOMLTable) throws(TOMLSyntaxError) in
            try within(path.dropFirst(), of: &child, body)
        }
    }

    static func insert(
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
}

