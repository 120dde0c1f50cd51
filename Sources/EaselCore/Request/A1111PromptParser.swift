import Foundation

/// Turns A1111 prompt text into weighted parts in three passes: scan into tokens, pair the
/// brackets (a bracket without its partner is text), then walk the tokens multiplying the
/// weights of the open brackets, cutting parts at commas, weight changes, tags and `BREAK`.
struct A1111PromptParser {
    /// Emphasis of one round bracket, and the softening of one square bracket (its inverse).
    static let emphasis = 1.1

    private let tokens: [A1111PromptToken]

    init(_ text: String) {
        var scanner = A1111PromptScanner(text)
        tokens = scanner.tokens()
    }

    /// The parts, in the order the text has them.
    func parts() -> [PromptPart] {
        let factors = pairedFactors()
        var parts: [PromptPart] = []
        var runs: [(text: String, weight: Double)] = []
        var stack: [Double] = []

        func flush() {
            for run in runs {
                let text = run.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { parts.append(PromptPart(text, weight: run.weight)) }
            }
            runs.removeAll()
        }
        func append(_ text: String) {
            let weight = Self.rounded(stack.reduce(1, *))
            if let last = runs.last, last.weight == weight {
                runs[runs.count - 1].text += text
            } else {
                runs.append((text, weight))
            }
        }

        for (index, token) in tokens.enumerated() {
            switch token {
            case .open where factors[index] != nil:
                stack.append(factors[index] ?? 1)
            case .close where factors[index] != nil, .weightClose where factors[index] != nil:
                stack.removeLast()
            case .character(","):
                flush()
            case .network(let kind, let name, let weight):
                flush()
                parts.append(PromptPart(name, weight: Self.rounded(weight), kind: kind))
            case .breakMarker:
                flush()
                parts.append(PromptPart("BREAK", kind: .breakMarker))
            default:
                append(token.literal)
            }
        }
        flush()
        return parts
    }

    /// For each bracket token that pairs up, the factor its pair applies (keyed by the index of
    /// both the opener and the closer); brackets missing from the map are literal text.
    private func pairedFactors() -> [Int: Double] {
        var factors: [Int: Double] = [:]
        var open: [(index: Int, bracket: A1111PromptToken.Bracket)] = []
        for (index, token) in tokens.enumerated() {
            switch token {
            case .open(let bracket):
                open.append((index, bracket))
            case .close(let bracket):
                guard let top = open.last, top.bracket == bracket else { continue }
                open.removeLast()
                let factor = bracket == .round ? Self.emphasis : 1 / Self.emphasis
                factors[top.index] = factor
                factors[index] = factor
            case .weightClose(let weight, _):
                // A weight of zero or less would turn the piece into something to avoid, which
                // Easel says with a negative prompt instead: such a bracket stays text.
                guard let top = open.last, top.bracket == .round, weight > 0 else { continue }
                open.removeLast()
                factors[top.index] = weight
                factors[index] = weight
            default:
                continue
            }
        }
        return factors
    }

    /// A weight to four decimals: `[a]` is 0.9091, so what `render` writes parses back the same.
    static func rounded(_ weight: Double) -> Double {
        guard weight.isFinite else { return 1 }
        // Deep square brackets would round to 0, which is no weight at all: the smallest is kept.
        return max((weight * 10_000).rounded() / 10_000, weight > 0 ? 0.0001 : -.greatestFiniteMagnitude)
    }
}
