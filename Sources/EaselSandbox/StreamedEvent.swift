/// One event the sandbox wrote to an OpenAI image stream, and when it began writing it, so a
/// benchmark can measure how long the client takes from there.
public struct StreamedEvent: Sendable, Hashable {
    /// The SSE event type, e.g. `image_generation.partial_image`.
    public var type: String
    /// When the sandbox started writing the event (the continuous clock, comparable in-process).
    public var startedAt: ContinuousClock.Instant
}
