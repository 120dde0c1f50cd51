/// Easel's TOML reader, for the config file and themes.
///
/// It reads TOML 1.0 except dates and times (no Easel file has one; they are refused by name),
/// keeps keys in file order with the line and column each was written at, and turns every
/// malformed input into a `TOMLSyntaxError` with its position — never a trap. It replaced
/// TOMLKit, whose C++ parser (toml++) aborted the process on inputs as small as `[` and a
/// newline (an assertion; with NDEBUG the same check becomes an optimiser assumption).
public enum TOML {
    /// The longest file read (config files and themes are a few kilobytes).
    public static let maxBytes = 1 << 20
    /// How deeply arrays and inline tables may nest.
    public static let maxDepth = 32

    /// Parses `text` into its root table.
    public static func parse(_ text: String) throws(TOMLSyntaxError) -> TOMLTable {
        guard text.utf8.count <= maxBytes else {
            throw TOMLSyntaxError(line: 1, column: 1, message: "the file is larger than \(maxBytes) bytes")
        }
        var parser = TOMLParser(text)
        return try parser.document()
    }
}

/// A position in a TOML file: 1-based line and column (in Unicode scalars).
public struct TOMLPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// Why a TOML file could not be read, and where.
public struct TOMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// A TOML value.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    public var string: String? { if case .string(let value) = self { value } else { nil } }
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    /// A float, or an integer read as one.
    public var double: Double? {
        switch self {
        case .float(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
    public var bool: Bool? { if case .boolean(let value) = self { value } else { nil } }
    public var array: [TOMLValue]? { if case .array(let value) = self { value } else { nil } }
    public var table: TOMLTable? { if case .table(let value) = self { value } else { nil } }

    /// The kind of value, for messages ("expected a string, found an integer").
    public var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A table: its keys in the order the file gives them, each with its value and position.
public struct TOMLTable: Sendable, Equatable {
    /// How an entry came to be, which decides what may still be added to it.
    enum Origin: Sendable, Equatable {
        /// A plain `key = value`.
        case value
        /// A table named by a `[header]`.
        case header
        /// A table that exists because a longer header or dotted key passed through it.
        case implicit
        /// A table made by a dotted key (`a.b = 1` makes `a`).
        case dotted
        /// An array of tables (`[[name]]`).
        case arrayOfTables
    }

    struct Entry: Sendable, Equatable {
        var key: String
        var value: TOMLValue
        var position: TOMLPosition
        var origin: Origin
    }

    private(set) var entries: [Entry] = []
    /// Each key's place in `entries`, so a lookup does not walk the table: with a linear search
    /// a file of many keys was quadratic (the fuzzer's 2.6 KB input timed out; 5,000 keys took
    /// 24 s in the fuzz build).
    private var indexByKey: [String: Int] = [:]

    public init() {}

    /// The keys, in file order.
    public var keys: [String] { entries.map(\.key) }

    public subscript(key: String) -> TOMLValue? {
        indexByKey[key].map { entries[$0].value }
    }

    /// Where `key` was written (a table's header, or the key of a value).
    /// Where `a.b.c` is written: the last key's position in the nested tables (nil when a part
    /// is missing).
    public func position(ofDotted path: String) -> TOMLPosition? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var table = self
        for part in parts.dropLast() {
            guard let next = table[part]?.table else { return position(of: path) }
            table = next
        }
        return parts.last.flatMap { table.position(of: $0) }
    }

    public func position(of key: String) -> TOMLPosition? {
        indexByKey[key].map { entries[$0].position }
    }

    func index(of key: String) -> Int? {
        indexByKey[key]
    }

    mutating func append(_ entry: Entry) {
        // The first of a key stays the one found, as a search from the start found it.
        if indexByKey[entry.key] == nil { indexByKey[entry.key] = entries.count }
        entries.append(entry)
    }

    mutating func setOrigin(_ origin: Origin, at index: Int, position: TOMLPosition) {
        entries[index].origin = origin
        entries[index].position = position
    }

    /// Runs `body` on the table stored at `index` (for an array of tables, its last table).
    mutating func withChild<R>(
        at index: Int, _ body: (inout TOMLTable) throws(TOMLSyntaxError) -> R
    ) throws(TOMLSyntaxError) -> R {
        switch entries[index].value {
        case .table(var child):
            // Parked while `body` runs, so `child` is the only reference and mutates in place.
            entries[index].value = .boolean(false)
            defer { entries[index].value = .table(child) }
            return try body(&child)
        case .array(var tables):
            guard case .table(var child)? = tables.popLast() else { break }
            entries[index].value = .boolean(false)
            defer {
                tables.append(.table(child))
                entries[index].value = .array(tables)
            }
            return try body(&child)
        default:
            break
        }
        let entry = entries[index]
        throw TOMLSyntaxError(
            line: entry.position.line, column: entry.position.column, message: "\(entry.key) is not a table")
    }

    mutating func appendTable(at index: Int) {
        guard case .array(var tables) = entries[index].value else { return }
        entries[index].value = .boolean(false)
        tables.append(.table(TOMLTable()))
        entries[index].value = .array(tables)
    }
}
