/// Turns what the user typed into an FTS5 query that cannot be a syntax error.
///
/// Each word becomes a quoted phrase with a prefix star (`"ligh"*`), the phrases joined by
/// spaces (FTS5's implicit AND). Inside quotes FTS5 operators (`AND`, `NEAR(`, `-`, `*`, `^`,
/// column filters) are plain text, and a quote is escaped by doubling it, so no input changes the
/// query's structure. Words with no letter or digit are dropped: the tokenizer would make nothing
/// of them, and an empty phrase only confuses the result.
enum SearchQuery {
    /// The MATCH expression for `text`, or nil when it holds no searchable word.
    ///
    /// A one-character word next to longer ones is left out: it is almost always the start of
    /// the word being typed, it narrows nothing, and its prefix (every word starting with that
    /// letter, which has no prefix index) is the costly part of the query. Alone it is kept.
    static func matchExpression(_ text: String) -> String? {
        var words = text.split(whereSeparator: \.isWhitespace)
            .filter { word in word.contains { $0.isLetter || $0.isNumber } }
        if words.contains(where: { $0.count > 1 }) { words.removeAll { $0.count == 1 } }
        let phrases = words.map { word in "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }
        return phrases.isEmpty ? nil : phrases.joined(separator: " ")
    }
}
