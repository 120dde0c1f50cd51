import EaselCore

extension JournalState {
    /// The journal's view of a runner's state; the runner's details (poll counts, messages) are
    /// progress, not history, so they are dropped here and the message goes to the `error` column.
    public init(_ state: JobState) {
        switch state {
        case .queued: self = .queued
        case .sending: self = .sending
        case .waiting, .generating: self = .waiting
        case .downloading: self = .downloading
        case .done: self = .done
        case .failed: self = .failed
        case .outcomeUnknown: self = .outcomeUnknown
        }
    }
}
