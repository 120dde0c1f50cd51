/// Why a `text/event-stream` body could not be read.
public enum SSEParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One event (its pending line and data together) grew past the limit before it ended.
    case eventTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .eventTooLarge(let limit): "an event of the stream is larger than the \(limit)-byte limit"
        }
    }
}
