/// Counts and articles for messages, so one of something reads "1 thread" and a provider that
/// starts with a vowel sound reads "an ai-client model".
public enum Counted {
    /// `count` and the noun, plural unless the count is exactly one: "1 image", "3 images",
    /// "2 entries". Give `plural` for a noun the usual rules get wrong.
    public static func phrase(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? pluralOf(noun))
    }

    /// The word after "a" or "an", chosen by its first sound as far as its spelling shows it:
    /// "an" before a, e, i, o, and before u unless it sounds like "you" (unit, user, usual).
    public static func withArticle(_ word: String) -> String {
        let lower = word.lowercased()
        let youSound = ["uni", "use", "usu", "uti", "eu"].contains { lower.hasPrefix($0) }
        let vowel = lower.first.map { "aeiou".contains($0) } ?? false
        return (vowel && !youSound ? "an " : "a ") + word
    }

    /// English's regular plurals: "entry" → "entries", "box" → "boxes", else an "s".
    private static func pluralOf(_ noun: String) -> String {
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) { return noun.dropLast() + "ies" }
        if ["s", "x", "z", "ch", "sh"].contains(where: { noun.hasSuffix($0) }) { return noun + "es" }
        return noun + "s"
    }
}
