/// Whether an entry is what the user sent or what the AI answered; the raw values are the
/// `entry.kind` column's and ai-client's `type`.
public enum EntryKind: String, Sendable, Hashable, Codable {
    case request
    case response
}
