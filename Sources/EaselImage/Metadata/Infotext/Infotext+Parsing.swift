extension Infotext {
    /// Parses infotext the way AUTOMATIC1111's `parse_generation_parameters` does.
    ///
    /// The last line counts as parameters only when its `key: value` pattern matches at least
    /// three times; otherwise it is part of the prompt. Lines before it are the prompt until one
    /// starts with `Negative prompt:`. A value written in double quotes is read as a JSON string
    /// (and kept as written when that fails, as A1111 does). A1111 skips a pair with an empty
    /// value, and a repeated key keeps its first position with the last value; both kept here.
    /// A1111's extra steps (splitting `Size` into `Size-1`/`Size-2`, filling defaults) are not
    /// parsing and are left out.
    public init(parsing text: String) {
        var lines = PythonText.splitLines(PythonText.strip(text))
        let lastLine = lines.removeLast()
        var matches = Self.parameterMatches(in: Array(lastLine.unicodeScalars))
        if matches.count < 3 {
            lines.append(lastLine)
            matches = []
        }

        var prompt = ""
        var negativePrompt = ""
        var doneWithPrompt = false
        let marker = Array("Negative prompt:".unicodeScalars)
        for rawLine in lines {
            var line = PythonText.strip(rawLine)
            if line.unicodeScalars.starts(with: marker) {
                doneWithPrompt = true
                line = PythonText.strip(String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(marker.count))))
            }
            if doneWithPrompt {
                negativePrompt += (negativePrompt.isEmpty ? "" : "\n") + line
            } else {
                prompt += (prompt.isEmpty ? "" : "\n") + line
            }
        }

        var parameters: [Parameter] = []
        for (key, rawValue) in matches where !rawValue.isEmpty {
            let value = Self.unquote(rawValue)
            if let index = parameters.firstIndex(where: { $0.key == key }) {
                parameters[index].value = value
            } else {
                parameters.append(Parameter(key: key, value: value))
            }
        }
        self.init(prompt: prompt, negativePrompt: negativePrompt, parameters: parameters)
    }

    /// A1111's `unquote`: a value in double quotes is decoded as a JSON string; if that fails
    /// the text stays as written.
    static func unquote(_ value: String) -> String {
        guard value.unicodeScalars.first == "\"", value.unicodeScalars.last == "\"",
            case .string(let decoded)? = try? JSONParser.parse(Array(value.utf8))
        else { return value }
        return decoded
    }

    /// Every match of A1111's `re_param` in `line`, as `re.findall` reports them:
    /// `\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)`.
    ///
    /// Hand-written rather than through a regex engine, to keep Python's `\w`/`\s` meanings
    /// and its leftmost, first-alternative-wins matching (reasoned through in the comments), in
    /// linear time: Python's engine takes quadratic time on a long line without colons, and a
    /// file's infotext is untrusted.
    static func parameterMatches(in line: [Unicode.Scalar]) -> [(key: String, value: String)] {
        let closingQuotes = closingQuoteTable(line)
        var matches: [(key: String, value: String)] = []
        var start = 0
        while start < line.count {
            switch parameterMatch(in: line, at: start, closingQuotes: closingQuotes) {
            case .matched(let key, let value, let end):
                matches.append((key, value))
                start = end
            case .failed(let next):
                start = next
            }
        }
        return matches
    }

    /// The outcome of one match attempt.
    private enum Attempt {
        case matched(key: String, value: String, end: Int)
        /// No match starts before `next`.
        case failed(next: Int)
    }

    /// One attempt of `re_param` at `start`. No backtracking is needed: `\s*` can never give
    /// characters to `\w`; a shorter key would need `:` inside the key class; and the quoted
    /// alternative can only end at the first unescaped `"`, so if `,` or the end does not
    /// follow it the unquoted alternative (which always succeeds) is taken from the same place.
    ///
    /// A key run without a colon fails the same way from every start inside it, so the next
    /// attempt skips past it.
    private static func parameterMatch(in line: [Unicode.Scalar], at start: Int, closingQuotes: [Int]) -> Attempt {
        let count = line.count
        var index = start
        while index < count, PythonText.isSpace(line[index]) { index += 1 }
        guard index < count, PythonText.isWordCharacter(line[index]) else { return .failed(next: max(start + 1, index)) }
        let keyStart = index
        index += 1
        let restStart = index
        while index < count, isKeyCharacter(line[index]) { index += 1 }
        guard index > restStart, index < count, line[index] == ":" else { return .failed(next: max(start + 1, index)) }
        let key = text(line[keyStart..<index])
        index += 1
        while index < count, PythonText.isSpace(line[index]) { index += 1 }

        // The quoted alternative: `"`, at least one piece, the closing `"`, then `,` or the end.
        if index + 1 < count, line[index] == "\"", line[index + 1] != "\"", closingQuotes[index + 1] >= 0 {
            let after = closingQuotes[index + 1] + 1
            if after == count {
                return .matched(key: key, value: text(line[index..<after]), end: after)
            }
            if line[after] == "," {
                return .matched(key: key, value: text(line[index..<after]), end: after + 1)
            }
        }
        var end = index
        while end < count, line[end] != "," { end += 1 }
        return .matched(key: key, value: text(line[index..<end]), end: end < count ? end + 1 : end)
    }

    /// For each position `p`, where `(?:\\.|[^\\"])*"` starting at `p` finds its closing
    /// quote, or −1 when it finds none; built right to left in one pass. A backslash takes the
    /// next character with it unless that is a newline (`.` does not match one).
    static func closingQuoteTable(_ line: [Unicode.Scalar]) -> [Int] {
        let count = line.count
        var table = [Int](repeating: -1, count: count + 2)
        var position = count - 1
        while position >= 0 {
            switch line[position] {
            case "\"":
                table[position] = position
            case "\\":
                table[position] = position + 1 < count && line[position + 1] != "\n" ? table[position + 2] : -1
            default:
                table[position] = table[position + 1]
            }
            position -= 1
        }
        return table
    }

    /// `[\w \-/]`: word characters, space, hyphen and slash.
    private static func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "-" || scalar == "/" || PythonText.isWordCharacter(scalar)
    }

    private static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }
}
