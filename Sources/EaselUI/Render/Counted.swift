/// "1 thread", "2 threads", "0 matches": a count with its noun agreeing, for the studio's own
/// text. `plural` is for nouns that do not just take an "s".
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
