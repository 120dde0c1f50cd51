import Foundation

/// Reads A1111 prompt text into tokens: escapes, brackets, `:weight)` closers, extra-network tags
/// and `BREAK`. Anything that is not quite syntax is a plain character, so no input is refused.
struct A1111PromptScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// Every token of the text, in order.
    mutating func tokens() -> [A1111PromptToken] {
        var tokens: [A1111PromptToken] = []
        while index < characters.count {
            tokens.append(next())
        }
        return tokens
    }

    private mutating func next() -> A1111PromptToken {
        let character = characters[index]
        switch character {
        case "\\":
            if index + 1 < characters.count, "()[]\\".contains(characters[index + 1]) {
                index += 2
                return .character(characters[index - 1])
            }
        case "(":
            index += 1
            return .open(.round)
        case ")":
            index += 1
            return .close(.round)
        case "[":
            index += 1
            return .open(.square)
        case "]":
            index += 1
            return .close(.square)
        case ":":
            if let token = weightClose() { return token }
        case "<":
            if let token = network() { return token }
        case "B":
            if isBreak() {
                index += 5
                return .breakMarker
            }
        default:
            break
        }
        index += 1
        return .character(character)
    }

    /// `:` spaces, a number, spaces, `)` — A1111's explicit weight.
    private mutating func weightClose() -> A1111PromptToken? {
        var cursor = index + 1
        func skipSpaces() {
            while cursor < characters.count, characters[cursor] == " " || characters[cursor] == "\t" { cursor += 1 }
        }
        skipSpaces()
        var number = ""
        if cursor < characters.count, characters[cursor] == "+" || characters[cursor] == "-" {
            number.append(characters[cursor])
            cursor += 1
        }
        // Bounded, so a pathological run of digits stays cheap and never overflows into infinity.
        while cursor < characters.count, characters[cursor] == "." || characters[cursor].isASCIIDigit, number.count < 32 {
            number.append(characters[cursor])
            cursor += 1
        }
        skipSpaces()
        guard cursor < characters.count, characters[cursor] == ")", let weight = Double(number), weight.isFinite else { return nil }
        let literal = String(characters[index...cursor])
        index = cursor + 1
        return .weightClose(weight, literal: literal)
    }

    /// `<lora:name>` or `<lora:name:weight>` (likewise `hypernet`), the weight above zero.
    private mutating func network() -> A1111PromptToken? {
        guard let close = characters[index...].prefix(512).firstIndex(of: ">") else { return nil }
        let body = String(characters[(index + 1)..<close])
        let fields = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 2 || fields.count == 3, let kind = PromptPart.Kind(rawValue: fields[0]),
            kind == .lora || kind == .hypernet
        else { return nil }
        let name = fields[1].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: { $0.isNewline || $0 == "<" }) else { return nil }
        var weight = 1.0
        if fields.count == 3 {
            guard let value = Double(fields[2].trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0 else { return nil }
            weight = value
        }
        index = close + 1
        return .network(kind, name: name, weight: weight)
    }

    /// `BREAK` as a word of its own (not `BREAKING`, not `xBREAK`).
    private func isBreak() -> Bool {
        guard index + 5 <= characters.count, String(characters[index..<(index + 5)]) == "BREAK" else { return false }
        let before = index == 0 ? nil : characters[index - 1]
        let after = index + 5 < characters.count ? characters[index + 5] : nil
        return !(before?.isWordCharacter ?? false) && !(after?.isWordCharacter ?? false)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isWordCharacter: Bool { isLetter || isNumber || self == "_" }
}
