import EaselCore

extension CostTotal {
    /// `14 credits · 2 images`, `1,234 tokens · 1 image`: only what was reported.
    public var summary: String {
        var parts: [String] = []
        if credits > 0 { parts.append("\(CostEstimate.number(credits)) credit\(credits == 1 ? "" : "s")") }
        if tokens > 0 { parts.append(counted(tokens, "token")) }
        parts.append(counted(images, "image"))
        return parts.joined(separator: " · ")
    }
}

/// Where the cost ledger overlay is.
public enum CostLedger: Sendable, Hashable {
    case loading
    /// All-time totals per provider, then the last days' per provider and day.
    case loaded(byProvider: [CostTotal], byDay: [CostTotal])
}
