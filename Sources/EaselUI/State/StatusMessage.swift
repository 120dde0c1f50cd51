/// The one-line message under the panes: what just happened, or what went wrong.
public struct StatusMessage: Sendable, Hashable {
    /// How the message is coloured.
    public enum Kind: Sendable, Hashable {
        case info
        case success
        case warning
        case error
    }

    public var text: String
    public var kind: Kind

    /// Creates a message.
    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}
