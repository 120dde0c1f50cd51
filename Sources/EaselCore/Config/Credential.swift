/// An API key or token. Its description never shows the secret, so printing or logging a value
/// that holds one cannot leak it.
public struct Credential: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let secret: String
    /// Where it came from (an environment variable's name or the config file), for messages.
    public let source: String
    /// True for a bearer token (such as an Entra ID token for Azure) rather than a key: it always
    /// travels as `Authorization: Bearer`, even to a provider whose keys use another header.
    public let isBearerToken: Bool

    public init(secret: String, source: String, isBearerToken: Bool = false) {
        self.secret = secret
        self.source = source
        self.isBearerToken = isBearerToken
    }

    public var description: String { "[key from \(source)]" }
    public var debugDescription: String { description }
}
