import EaselCore
import Foundation
import GRDB

extension HistoryStore {
    /// Totals of what the servers reported, per provider (all time) and per provider and day
    /// (the last `days` days, days as `timeZone` counts them, newest first).
    public func costTotals(days: Int = 30, now: Date = Date(), timeZone: TimeZone = .current) throws -> (byProvider: [CostTotal], byDay: [CostTotal]) {
        // SQLite knows no zones: shift the stored UTC milliseconds by the zone's offset now
        // (a day that crosses a daylight-saving change is off by that hour at its edge).
        let offset = Int64(timeZone.secondsFromGMT(for: now)) * 1000
        let since = now.addingTimeInterval(-Double(max(1, days)) * 86_400).storeMilliseconds
        let totals = """
            SELECT thread.provider AS provider, %@ AS day,
                   coalesce(sum(entry.credits), 0) AS credits,
                   coalesce(sum(CAST(json_extract(entry.usage, '$.total_tokens') AS INTEGER)), 0) AS tokens,
                   count(*) AS responses,
                   coalesce(sum((SELECT count(*) FROM image WHERE image.entry = entry.id)), 0) AS images
            FROM entry JOIN thread ON thread.id = entry.thread
            WHERE entry.kind = 'response' %@
            GROUP BY %@ ORDER BY %@
            """
        func row(_ row: Row) -> CostTotal {
            CostTotal(provider: row["provider"], day: row["day"], credits: row["credits"], tokens: row["tokens"],
                      responses: row["responses"], images: row["images"])
        }
        return try read { db in
            let byProvider = try Row.fetchAll(db, sql: String(format: totals, "NULL", "", "thread.provider", "thread.provider")).map(row)
            let byDay = try Row.fetchAll(
                db, sql: String(format: totals, "date((entry.created + ?) / 1000, 'unixepoch')", "AND entry.created >= ?",
                                "day, thread.provider", "day DESC, thread.provider"),
                arguments: [offset, since]
            ).map(row)
            return (byProvider, byDay)
        }
    }
}
