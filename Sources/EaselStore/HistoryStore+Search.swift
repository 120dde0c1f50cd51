import GRDB

extension HistoryStore {
    /// Full-text search over prompts, negative prompts, revised prompts and thread titles, best
    /// match first. Every word is a prefix ("ligh" finds "lighthouse"), accents are ignored
    /// ("cafe" finds "café"), and any input is safe: operators and quotes are taken as text.
    public func search(_ text: String, limit: Int = 50) throws -> [SearchHit] {
        guard let expression = SearchQuery.matchExpression(text), limit > 0 else { return [] }
        // Weights per column (prompt, negative, revised, title, thread): a word in the prompt
        // or title says more about a thread than one in what it avoided.
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, thread,
                        snippet(search_text, -1, char(1), char(2), '…', 12) AS snippet,
                        bm25(search_text, 1.0, 0.5, 0.8, 1.5, 0.0) AS score
                    FROM search_text WHERE search_text MATCH ?
                    ORDER BY score LIMIT ?
                    """,
                arguments: [expression, limit]
            ).map { row in
                let rowid: Int64 = row["rowid"]
                return SearchHit(
                    thread: row["thread"], entry: rowid > 0 ? rowid : nil, snippet: row["snippet"], score: row["score"])
            }
        }
    }
}
