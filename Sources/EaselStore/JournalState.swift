/// Where a journalled job stands. The raw values are what the `job.state` column holds, so they
/// never change once shipped.
public enum JournalState: String, Sendable, Hashable, Codable, CaseIterable {
    case queued
    case sending
    case waiting
    case downloading
    case done
    case failed
    /// The request may or may not have reached the server; it must not be resent blindly.
    case outcomeUnknown = "outcome_unknown"
    case cancelled

    /// True once nothing more will happen to the job.
    public var isFinal: Bool {
        switch self {
        case .queued, .sending, .waiting, .downloading: false
        case .done, .failed, .outcomeUnknown, .cancelled: true
        }
    }

    /// The states a job can be left in when Easel stops mid-way, which the next start must look at.
    public static let unfinished: [JournalState] = allCases.filter { !$0.isFinal }
}
