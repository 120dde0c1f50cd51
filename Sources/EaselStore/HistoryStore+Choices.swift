import EaselCore
import EaselImage
import Foundation
import GRDB

extension HistoryStore {
    /// Keeps what a server offers (`ServerChoices`), replacing what was known of it before.
    public func saveChoices(_ choices: ServerChoices, provider: ProviderID, baseURL: String) throws {
        let fetched = Int64((choices.fetchedAt.timeIntervalSince1970 * 1000).rounded())
        try write { db in
            try db.execute(
                sql: "DELETE FROM server_choice WHERE provider = ? AND base_url = ?", arguments: [provider.rawValue, baseURL])
            for (setting, values) in choices.values {
                try db.execute(
                    sql: "INSERT INTO server_choice (provider, base_url, setting, choices, fetched_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [provider.rawValue, baseURL, setting.rawValue, JSONValue.array(values.map(JSONValue.string)).jsonText, fetched])
            }
        }
    }

    /// What a server offered when last asked, or nil when it was never asked (or the rows cannot
    /// be read). Values are checked again on the way out: the file is not trusted more than the
    /// server was.
    public func choices(provider: ProviderID, baseURL: String) throws -> ServerChoices? {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT setting, choices, fetched_at FROM server_choice WHERE provider = ? AND base_url = ?",
                arguments: [provider.rawValue, baseURL])
            guard !rows.isEmpty else { return nil }
            var choices = ServerChoices(fetchedAt: .distantPast)
            for row in rows {
                let text: String = row["choices"]
                let values = (JSONValue.parse(Array(text.utf8))?.arrayValue ?? []).compactMap(\.stringValue)
                choices.values[SettingName(rawValue: row["setting"])] = values.map { TerminalText.oneLine($0, limit: 200) }
                let fetched: Int64 = row["fetched_at"]
                choices.fetchedAt = max(choices.fetchedAt, Date(timeIntervalSince1970: Double(fetched) / 1000))
            }
            return choices
        }
    }
}
