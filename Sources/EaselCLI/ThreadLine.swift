import EaselCore
import EaselStore
import Foundation

/// A thread as `threads list --json` prints it.
struct ThreadLine: Encodable {
    var id: Int64
    var provider: String
    var guid: String?
    var title: String
    var model: String
    var created: Date
    var updated: Date
    var entries: Int
    var images: Int
    var credits: Double

    init(_ thread: ThreadSummary) {
        id = thread.id
        provider = thread.provider.rawValue
        guid = thread.guid
        title = thread.title
        model = thread.model
        created = thread.created
        updated = thread.updated
        entries = thread.entryCount
        images = thread.imageCount
        credits = thread.credits
    }

    static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    static func credits(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) credits" : String(format: "%.2f credits", value)
    }
}

/// A thread with its entries, as `threads show --json` prints it.
struct ThreadDetail: Encodable {
    var thread: ThreadLine
    var entries: [EntryLine]

    init(_ thread: ThreadSummary, entries: [StoredEntry]) {
        self.thread = ThreadLine(thread)
        self.entries = entries.map(EntryLine.init)
    }
}

/// One entry in `threads show --json`.
struct EntryLine: Encodable {
    var id: Int64
    var guid: String?
    var kind: String
    var prompts: [PromptPart]?
    var settings: [String: String]?
    var waiting: Bool
    var error: String?
    var credits: Double?
    var revisedPrompt: String?
    var images: [ImageLine]

    init(_ entry: StoredEntry) {
        id = entry.id
        guid = entry.guid
        kind = entry.kind.rawValue
        prompts = entry.request?.parts
        settings = entry.request.map { Dictionary(uniqueKeysWithValues: $0.settings.map { ($0.key.rawValue, $0.value.textValue) }) }
        waiting = entry.waiting
        error = entry.error
        credits = entry.credits
        revisedPrompt = entry.revisedPrompt
        images = entry.images.map(ImageLine.init)
    }
}

/// One image in `threads show --json`.
struct ImageLine: Encodable {
    /// The history image id, which `easel edit @ID` and `easel vary @ID` take.
    var id: Int64?
    var path: String?
    var url: String?
    var width: Int
    var height: Int
    var bytes: Int

    init(_ image: StoredImage) {
        id = image.id
        path = image.path
        url = image.url
        width = image.width
        height = image.height
        bytes = image.bytes
    }
}

/// Entries as `threads show` prints them.
enum EntryText {
    static func describe(_ entry: StoredEntry) -> String {
        var lines: [String] = []
        switch entry.kind {
        case .request:
            let parts = entry.request?.parts.map { part in
                (part.weight < 0 ? "−" : "+") + String(format: "%.1f ", abs(part.weight)) + TerminalText.oneLine(part.text, limit: 300)
            } ?? []
            lines.append("  request \(entry.guid ?? String(entry.id))\(entry.waiting ? " (waiting)" : "")")
            lines += parts.map { "    " + $0 }
            if let settings = entry.request?.settings, !settings.isEmpty {
                lines.append("    " + settings.sorted { $0.key < $1.key }.map { "\($0.key)=\(TerminalText.oneLine($0.value.textValue))" }.joined(separator: " "))
            }
        case .response:
            let credits = entry.credits.map { " · \(ThreadLine.credits($0))" } ?? ""
            lines.append("  response \(entry.guid ?? String(entry.id))\(credits)")
            if let revised = entry.revisedPrompt { lines.append("    revised: " + TerminalText.oneLine(revised, limit: 300)) }
            for image in entry.images {
                let place = image.path ?? image.url ?? "?"
                let id = image.id.map { "@\($0) " } ?? ""
                lines.append("    \(id)\(image.width)×\(image.height) \(image.bytes) bytes \(TerminalText.oneLine(place, limit: 400))")
            }
        }
        if let error = entry.error { lines.append("    error: " + TerminalText.oneLine(error)) }
        return lines.joined(separator: "\n")
    }
}
