extension A1111Prompt {
    /// The weighted parts of text pasted or recorded in A1111 form — a prompt with A1111 syntax,
    /// or A1111 infotext (`prompt`, a `Negative prompt: …` line, then a `Steps: …` settings line,
    /// which is left out) — or nil when the text has neither, so it is better kept as typed.
    public static func weightedParts(fromPasted text: String) -> [PromptPart]? {
        var positive: [Substring] = []
        var negative: [Substring] = []
        var inNegative = false
        var sawNegative = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if trimmed.hasPrefix("Negative prompt:") {
                inNegative = true
                sawNegative = true
                negative.append(trimmed.dropFirst("Negative prompt:".count))
            } else if trimmed.hasPrefix("Steps: "), positive.count + negative.count > 0 {
                break
            } else if inNegative {
                negative.append(line)
            } else {
                positive.append(line)
            }
        }
        let positiveText = positive.joined(separator: "\n")
        let negativeText = negative.joined(separator: "\n")
        guard sawNegative || hasSyntax(positiveText) else { return nil }
        let parts = parse(positiveText) + parseNegative(negativeText)
        return parts.isEmpty ? nil : parts
    }

    /// Recorded parts that hold A1111 text (plain text, weights ±1) as weighted parts: each
    /// positive part parsed, each negative one parsed as a negative prompt. Nil when no part has
    /// A1111 syntax, so parts composed in Easel are left alone.
    public static func weightedParts(fromRecorded parts: [PromptPart]) -> [PromptPart]? {
        guard parts.allSatisfy({ $0.kind == .text && abs($0.weight) == 1 }), parts.contains(where: { hasSyntax($0.text) }) else {
            return nil
        }
        let positive = parts.filter { $0.weight > 0 }.flatMap { parse($0.text) }
        let negative = parts.filter { $0.weight < 0 }.flatMap { parseNegative($0.text) }
        return positive.isEmpty ? nil : positive + negative
    }
}
