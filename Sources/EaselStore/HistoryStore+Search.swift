import GRDB

extension HistoryStore {
    /// Beyond this many matches a search is answered newest first rather than ranked.
    /// Ranking reads every match; up to this many it stays within a couple of milliseconds at
    /// 100k threads, and counting that far (to choose) costs a quarter of what 2,000 did.
    static let broadMatchCount = 500

    /// Full-text search over prompts, negative prompts, revised prompts and thread titles, best
    /// match first. Every word is a prefix ("ligh" finds "lighthouse"), accents are ignored
    /// ("cafe" finds "café"), and any input is safe: operators and quotes are taken as text.
    public func search(_ text: String, limit: Int = 50) throws -> [SearchHit] {
        guard let expression = SearchQuery.matchExpression(text), limit > 0 else { return [] }
        // Weights per column (prompt, negative, revised, title, thread): a word in the prompt
        // or title says more about a thread than one in what it avoided.
        return try read { db in
            // Ranking reads every match, which for a first letter typed into years of history
            // is most of the index. A query that matches more than `broad` rows is answered
            // newest first instead, which FTS5 serves by walking its index backwards and
            // stopping at the limit; narrower queries get the bm25 ranking.
            let broad = Self.broadMatchCount
            let matches = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM (SELECT 1 FROM search_text WHERE search_text MATCH ? LIMIT ?)",
                arguments: [expression, broad]) ?? 0
            let order = matches >= broad ? "rowid DESC" : "score"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT hit.*, coalesce(thread.title, '') AS title FROM (
                        SELECT rowid, thread,
                            snippet(search_text, -1, char(1), char(2), '…', 12) AS snippet,
                            \(matches >= broad ? "0.0" : "bm25(search_text, 1.0, 0.5, 0.8, 1.5, 0.0)") AS score
                        FROM search_text WHERE search_text MATCH ?
                        ORDER BY \(order) LIMIT ?
                    ) AS hit LEFT JOIN thread ON thread.id = hit.thread
                    ORDER BY \(matches >= broad ? "hit.rowid DESC" : "hit.score")
                    """,
                arguments: [expression, limit]
            ).map { row in
                let rowid: Int64 = row["rowid"]
                return SearchHit(
                    thread: row["thread"], entry: rowid > 0 ? rowid : nil, title: row["title"], snippet: row["snippet"],
                    score: row["score"])
            }
        }
    }
}
