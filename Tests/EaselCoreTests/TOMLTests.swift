import EaselCore
import Foundation
import Testing

/// Easel's TOML reader: what the config and theme files use, the errors (with positions) for
/// what they must not contain, and a mutation run that no input can crash.
@Suite struct TOMLTests {
    static let sample = #"""
        # Easel's config
        provider = "ai-client"          # default provider
        poll_max_interval = 5
        bell = true
        ratio = 1.5e3
        hex = 0xFF_FF
        big = 1_000_000
        neg = -12
        quoted = 'C:\path'
        multi = """
        one \
            two"""
        list = [ "a", 'b',
          "c", # a comment in an array
        ]

        [ai-client]
        token = "t\u00e9st\n"

        [openai.extra]
        point = { x = 1, y.z = 2 }

        [[pool]]
        url = "http://a"
        [[pool]]
        url = "http://b"
        """#

    @Test func readsWhatEaselFilesUse() throws {
        let root = try TOML.parse(Self.sample)
        #expect(root.keys == ["provider", "poll_max_interval", "bell", "ratio", "hex", "big", "neg", "quoted", "multi", "list", "ai-client", "openai", "pool"])
        #expect(root["provider"]?.string == "ai-client")
        #expect(root["poll_max_interval"]?.integer == 5)
        #expect(root["bell"]?.bool == true)
        #expect(root["ratio"]?.double == 1500)
        #expect(root["hex"]?.integer == 0xFFFF)
        #expect(root["big"]?.integer == 1_000_000)
        #expect(root["neg"]?.integer == -12)
        #expect(root["quoted"]?.string == #"C:\path"#)
        #expect(root["multi"]?.string == "one two")
        #expect(root["list"]?.array == [.string("a"), .string("b"), .string("c")])
        #expect(root["ai-client"]?.table?["token"]?.string == "tést\n")
        #expect(root.position(of: "ai-client") == TOMLPosition(line: 17, column: 1))
        #expect(root["ai-client"]?.table?.position(of: "token") == TOMLPosition(line: 18, column: 1))
        let point = root["openai"]?.table?["extra"]?.table?["point"]?.table
        #expect(point?["x"]?.integer == 1)
        #expect(point?["y"]?.table?["z"]?.integer == 2)
        #expect(root["pool"]?.array?.compactMap { $0.table?["url"]?.string } == ["http://a", "http://b"])
    }

    @Test func quotesJustBeforeTheClosingThreeBelongToTheText() throws {
        #expect(try TOML.parse(#"a = """x""""""#)["a"]?.string == #"x"""#)
        #expect(try TOML.parse("a = '''y''''")["a"]?.string == "y'")
        #expect(try TOML.parse(#"a = """say "hi" now""""#)["a"]?.string == #"say "hi" now"#)
    }

    static let malformed: [(String, Int, Int, String)] = [
        ("[", 1, 2, "expected a key"),
        ("[\n", 1, 2, "expected a key"),
        ("[\r\n", 1, 2, "expected a key"),
        ("[[\n", 1, 3, "expected a key"),
        ("[a", 1, 3, "expected ']'"),
        ("[a]]", 1, 4, "expected the end of the line"),
        ("a = ", 1, 5, "expected a value"),
        ("a = \"x", 1, 5, "no closing quote"),
        ("a = \"x\ny\"", 1, 5, "no closing quote on its line"),
        ("a = 1\na = 2", 2, 1, "a is defined twice (first at line 1)"),
        ("[a]\n[a]", 2, 1, "table [a] is defined twice"),
        ("a = 1\n[a]", 2, 1, "a already holds a value"),
        ("a = 1\n[a.b]", 2, 1, "a already holds a value"),
        ("= 1", 1, 1, "expected a key"),
        ("a = 1979-05-27", 1, 5, "dates and times are not supported"),
        ("a = 07:32:00", 1, 5, "dates and times are not supported"),
        ("a = 0x", 1, 5, "is not a number"),
        ("a = 1e", 1, 5, "is not a number"),
        ("a = 012", 1, 5, "is not a number"),
        ("a = 1__0", 1, 5, "is not a number"),
        ("a = 99999999999999999999", 1, 5, "does not fit in 64 bits"),
        ("a = [1,", 1, 8, "expected a value"),
        ("a = [1 2]", 1, 8, "expected ',' or ']'"),
        ("a = {b = 1,}", 1, 12, "no comma after its last value"),
        ("a = {b = 1\n}", 1, 11, "must fit on one line"),
        ("a = \"\\q\"", 1, 6, "unknown escape"),
        ("a = \"\\uD800\"", 1, 6, "not a Unicode scalar"),
        ("a = \"\\u12\"", 1, 6, "4 hexadecimal digits"),
        ("a = \"bell\u{07}\"", 1, 10, "control character U+0007"),
        ("a = 1 # bad \u{1B}", 1, 13, "control character U+001B in a comment"),
        ("a = 1\rb = 2", 1, 6, "carriage return"),
        ("a = tru", 1, 5, "true or false"),
        ("a.b = 1\n[a]", 2, 1, "redefines a"),
        ("a = \"\"\"x", 1, 5, "no closing quote"),
        ("a = '''x''", 1, 5, "no closing quote"),
    ]

    @Test(arguments: malformed)
    func malformedInputIsALocatedError(text: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try TOML.parse(text)
        } throws: { error in
            guard let error = error as? TOMLSyntaxError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
        }
    }

    @Test func deepNestingIsRefused() {
        let text = "a = " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: TOMLSyntaxError.self) { try TOML.parse(text) }
        #expect(throws: TOMLSyntaxError.self) { try TOML.parse(String(repeating: "a = 1\n", count: 1) + String(repeating: "x", count: TOML.maxBytes)) }
    }

    @Test("a dotted key of more parts than tables may nest is refused where it starts")
    func longDottedKeysAreRefused() {
        let header = "[" + Array(repeating: "ab", count: 40).joined(separator: ".") + "]\n"
        #expect {
            _ = try TOML.parse("x = 1\n" + header)
        } throws: { error in
            guard let error = error as? TOMLSyntaxError else { return false }
            return error.line == 2 && error.message.contains("more than \(TOML.maxDepth) parts")
        }
        #expect(throws: Never.self) { try TOML.parse("[" + Array(repeating: "ab", count: TOML.maxDepth).joined(separator: ".") + "]\n") }
    }

    /// The fuzzer's timeout (a 2.6 KB file of dotted headers) came from looking keys up by
    /// walking each table: a file of many keys was quadratic. A file of 50,000 keys now reads
    /// in a blink; walked, it took minutes, past this test's limit.
    @Test("a file of many keys reads whole, every key found at its line", .timeLimit(.minutes(1)))
    func manyKeys() throws {
        let count = 50_000
        let table = try TOML.parse((0..<count).map { "k\($0) = \($0)\n" }.joined())
        #expect(table.keys.count == count)
        #expect(table["k49999"]?.integer == 49_999 && table.position(of: "k1234")?.line == 1_235)
        #expect(throws: TOMLSyntaxError.self) { try TOML.parse("a = 1\nb = 2\na = 3\n") }
    }

    /// Thousands of mutations of the sample (bytes dropped, duplicated, replaced by TOML's
    /// punctuation and controls) all end in a value or a located error: none traps, and every
    /// error's position is inside the text.
    @Test func mutationsNeverCrash() {
        var generator = SplitMix64(seed: 0xEA5E1)
        let base = Array(Self.sample.unicodeScalars)
        let alphabet: [Unicode.Scalar] = ["[", "]", "{", "}", "\"", "'", "=", ".", ",", "\n", "\r", "\\", "#", "_", "e", "0", "x", " ", "\u{0}", "\u{1B}", "é"]
        for _ in 0..<4000 {
            var scalars = base
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let at = Int(generator.next() % UInt64(scalars.count))
                switch generator.next() % 3 {
                case 0: scalars.remove(at: at)
                case 1: scalars.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: at)
                default: scalars[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
                if scalars.isEmpty { scalars = base }
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            do {
                _ = try TOML.parse(String(text))
            } catch {
                let lines = String(text).split(separator: "\n", omittingEmptySubsequences: false).count
                #expect(error.line >= 1 && error.line <= lines + 1 && error.column >= 1, "\(error)")
            }
        }
    }
}

