extension SandboxState {
    /// The events written to image streams so far (the latest 4096), in order.
    public func streamedEvents() -> [StreamedEvent] { streamed }

    func noteStreamed(_ type: String, at instant: ContinuousClock.Instant) {
        // A long-running `easel sandbox` keeps only the recent past.
        if streamed.count >= 4096 { streamed.removeFirst(streamed.count - 4095) }
        streamed.append(StreamedEvent(type: type, startedAt: instant))
    }
}
