/// What the servers reported spending, summed: credits (ai-client, AI/ML API), tokens (OpenAI's
/// `usage.total_tokens`), responses and images — per provider, or per provider and day.
public struct CostTotal: Sendable, Hashable {
    public var provider: String
    /// `yyyy-MM-dd` in the zone asked for; nil in per-provider totals.
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
}
