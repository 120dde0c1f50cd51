import EaselCore
import Foundation
import GRDB

extension HistoryStore {
    /// Hands `emit` one JSON object per thread (oldest first), each with its entries and images,
    /// from one consistent snapshot. Returns how many threads were written.
    @discardableResult
    public func exportJSONL(_ emit: (String) throws -> Void) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = RequestRecord.nonFinite
        let dates = ISO8601DateFormatter()
        dates.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return try read { db in
            var count = 0
            // Keyset pages keep memory flat on a large history; one read keeps the snapshot.
            var lastID: Int64 = .min
            while true {
                let page = try Row.fetchAll(
                    db, sql: "SELECT * FROM thread WHERE id > ? ORDER BY id LIMIT 500", arguments: [lastID]
                ).map(Self.threadSummary)
                guard let first = page.first, let last = page.last else { return count }
                let entries = try Self.entries(ofThreadsFrom: first.id, through: last.id, db)
                for thread in page {
                    let line = ExportLine(thread, entries: entries[thread.id] ?? [], dates: dates)
                    let text = JSONText.escapingInvisibles(String(decoding: try encoder.encode(line), as: UTF8.self))
                    do {
                        try emit(text)
                    } catch {
                        throw StoreError.exportFailed(StoreError.oneLine(String(describing: error)))
                    }
                    count += 1
                }
                lastID = last.id
            }
        }
    }

    /// Writes the export to a file handle, each object followed by a newline.
    @discardableResult
    public func exportJSONL(to handle: FileHandle) throws -> Int {
        try exportJSONL { line in try handle.write(contentsOf: Data((line + "\n").utf8)) }
    }
}
