import EaselCore
import Foundation
import GRDB

/// How long one successful job took, from being journalled to its end.
public struct JobDuration: Sendable, Hashable {
    public var provider: ProviderID
    public var model: String
    /// The request as sent; nil for a row this Easel cannot read.
    public var request: GenerationRequest?
    public var seconds: Double
}

extension HistoryStore {
    /// The durations of the most recent successful jobs, newest first, for ETAs: at most `limit`
    /// rows, so a long history costs the same as a short one.
    public func recentDurations(limit: Int = 500) throws -> [JobDuration] {
        try read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT provider, model, request, finished - created AS took FROM job
                    WHERE state = 'done' AND finished IS NOT NULL AND finished >= created
                    ORDER BY finished DESC, id DESC LIMIT ?
                    """,
                arguments: [max(0, limit)]
            ).map { row in
                JobDuration(
                    provider: ProviderID(rawValue: row["provider"]), model: row["model"],
                    request: RequestRecord.request(fromJSON: row["request"]), seconds: Double(row["took"] as Int64) / 1000)
            }
        }
    }
}
