/// What a model accepts as a prompt.
public struct PromptRules: Sendable, Hashable, Codable {
    /// Longest prompt in characters (Unicode scalars, as the services count them); for models with
    /// weights this applies to each part.
    public var maxLength: Int
    /// Whether parts carry their own weights on the wire.
    public var weights: Bool
    /// Whether negative parts can be sent.
    public var negative: Bool
}
