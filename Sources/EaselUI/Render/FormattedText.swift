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
    private static let dates = Mutex<DateMemory>(DateMemory())

    /// The dates made so far, and a formatter per format and zone (making one costs more than
    /// using it many times).
    private struct DateMemory {
        var texts: [DateKey: String] = [:]
        var formatters: [FormatterKey: DateFormatter] = [:]
    }

    private struct FormatterKey: Hashable {
        var format: String
        var zone: TimeZone
    }

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
        return dates.withLock { memory in
            if let known = memory.texts[key] { return known }
            let formatterKey = FormatterKey(format: format, zone: zone)
            let formatter = memory.formatters[formatterKey] ?? {
                let made = DateFormatter()
                made.locale = Locale(identifier: "en_US_POSIX")
                made.timeZone = zone
                made.dateFormat = format
                return made
            }()
            memory.formatters[formatterKey] = formatter
            let text = formatter.string(from: date)
            if memory.texts.count >= capacity { memory.texts.removeAll(keepingCapacity: true) }
            memory.texts[key] = text
            return text
        }
    }
}
