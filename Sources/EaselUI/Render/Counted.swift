import EaselCore

/// "1 thread", "2 threads", "0 matches": a count with its noun agreeing, for the studio's own
/// text (the same rules as the CLI's, `Counted.phrase`). `plural` is for nouns the usual rules
/// get wrong.
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    Counted.phrase(count, singular, plural: plural)
}
