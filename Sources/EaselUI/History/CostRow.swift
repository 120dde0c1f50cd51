import EaselCore

/// One line of the cost ledger: what the servers reported for a provider, in all or on a day.
public struct CostRow: Sendable, Hashable {
    public var provider: String
    /// `yyyy-MM-dd`; nil for all-time totals.
    public var day: String?
    public var credits: Double
    public var tokens: Int
    public var responses: Int
    public var images: Int

    public init(provider: String, day: String?, credits: Double, tokens: Int, responses: Int, images: Int) {
        self.provider = provider
        self.day = day
        self.credits = credits
        self.tokens = tokens
        self.responses = responses
        self.images = images
    }

    /// `14 credits · 2 images`, `1,234 tokens · 1 image`: only what was reported.
    public var summary: String {
        var parts: [String] = []
        if credits > 0 { parts.append("\(CostEstimate.number(credits)) credits") }
        if tokens > 0 { parts.append("\(tokens) tokens") }
        parts.append("\(images) image\(images == 1 ? "" : "s")")
        return parts.joined(separator: " · ")
    }
}

/// Where the cost ledger overlay is.
public enum CostLedger: Sendable, Hashable {
    case loading
    /// All-time totals per provider, then the last days' per provider and day.
    case loaded(byProvider: [CostRow], byDay: [CostRow])
}
