import Foundation
import Synchronization

/// File sizes and dates as the screen writes them, remembered once made: Foundation's
/// formatters go through ICU and cost tens of microseconds a call, and the history pane wrote
/// dozens on every frame (its dates and sizes were most of a step's CPU). The text is exactly
/// the formatters'; only the repetition is saved.
enum FormattedText {
    /// How many texts each memory keeps before it starts again (a history is browsed a page at
    /// a time, so a few thousand cover every row in reach).
    static let capacity = 4096

    private static let sizes = Mutex<[Int: String]>([:])
    private static let dates = Mutex<[DateKey: String]>([:])

    private struct DateKey: Hashable {
        var seconds: Double
        var format: String
        var zone: TimeZone
    }

    /// `bytes` as a file size (`1.4 MB`), as `ByteCountFormatter`'s file style writes it.
    static func fileSize(_ bytes: Int) -> String {
        if let known = sizes.withLock({ $0[bytes] }) { return known }
        let text = ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
        sizes.withLock { memory in
            if memory.count >= capacity { memory.removeAll(keepingCapacity: true) }
            memory[bytes] = text
        }
        return text
    }

    /// `date` in `format` (a `DateFormatter` pattern) in `zone`, with the POSIX locale's names.
    static func date(_ date: Date, format: String, zone: TimeZone) -> String {
        let key = DateKey(seconds: date.timeIntervalSinceReferenceDate, format: format, zone: zone)
        if let known = dates.withLock({ $0[key] }) { return known }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = format
        let text = formatter.string(from: date)
        dates.withLock { memory in
            if memory.count >= capacity { memory.removeAll(keepingCapacity: true) }
            memory[key] = text
        }
        return text
    }
}
