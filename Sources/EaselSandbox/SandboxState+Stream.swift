extension SandboxState {
    /// The events written to image streams so far, in order.
    public func streamedEvents() -> [StreamedEvent] { streamed }

    func noteStreamed(_ type: String, at instant: ContinuousClock.Instant) {
        streamed.append(StreamedEvent(type: type, startedAt: instant))
    }
}
