/// A full-text match: the thread and (unless the title matched) the entry, with a snippet.
public struct SearchHit: Sendable, Hashable {
    /// Put before each matched word in `snippet`.
    public static let highlightStart = "\u{1}"
    /// Put after each matched word in `snippet`.
    public static let highlightEnd = "\u{2}"

    public var thread: Int64
    /// The matching entry; nil when the thread's title matched.
    public var entry: Int64?
    /// The thread's title (fetched with the hit, so a list of results costs one query).
    public var title: String
    /// A few words around the best match, matches wrapped in `highlightStart`/`highlightEnd`.
    /// The markers are control characters because typed prompts do not contain them, so a
    /// renderer can split on them without an escaping scheme.
    public var snippet: String
    /// bm25 score: lower is better, as SQLite reports it.
    public var score: Double
}
