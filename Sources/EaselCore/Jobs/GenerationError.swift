/// Why a generation did not produce images, in the categories the CLI's exit codes and the
/// progress pane distinguish. Every message is one line, fit to show a user.
public enum GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request broke the catalog's rules; nothing was sent.
    case invalid(ValidationFailure)
    /// Configuration is missing or wrong (no key, bad base URL); nothing was sent.
    case configuration(String)
    /// The provider answered with an error.
    case rejected(status: Int, message: String)
    /// The provider answered, but not in a shape Easel can read.
    case badReply(String)
    /// The network failed where repeating was safe and the retries ran out, or polling gave up.
    case network(String)
    /// A generation request may or may not have been received; it was not sent again.
    case outcomeUnknown(String)
    /// Writing the images failed.
    case storage(String)
    case cancelled

    public var description: String {
        switch self {
        case .invalid(let failure): "invalid request: \(failure)"
        case .configuration(let why): why
        case .rejected(let status, let message): "the provider refused the request (HTTP \(status)): \(message)"
        case .badReply(let why): "unreadable reply from the provider: \(why)"
        case .network(let why): "network error: \(why)"
        case .outcomeUnknown(let why): "outcome unknown: \(why)"
        case .storage(let why): "could not save: \(why)"
        case .cancelled: "cancelled"
        }
    }

    /// The process exit code for this failure, as documented in `easel generate --help`.
    public var exitCode: ExitStatus {
        switch self {
        case .invalid, .configuration: .invalid
        case .rejected, .badReply: .rejected
        case .network: .network
        case .outcomeUnknown: .outcomeUnknown
        case .storage, .cancelled: .failure
        }
    }
}
