/// An API key or token. Its description never shows the secret, so printing or logging a value
/// that holds one cannot leak it.
public struct Credential: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let secret: String
    /// Where it came from (an environment variable's name or the config file), for messages.
    public let source: String

    public init(secret: String, source: String) {
        self.secret = secret
        self.source = source
    }

    public var description: String { "[key from \(source)]" }
    public var debugDescription: String { description }
}
