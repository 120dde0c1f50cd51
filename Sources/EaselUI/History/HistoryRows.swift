import EaselCore
import Foundation

/// A thread as the history browser lists it (the studio maps the store's rows to these, so the
/// pure core does not depend on the database).
public struct ThreadRow: Sendable, Hashable {
    public var id: Int64
    public var provider: ProviderID
    public var title: String
    public var model: String
    public var updated: Date
    public var entries: Int
    public var images: Int
    public var credits: Double

    /// Creates a row.
    public init(id: Int64, provider: ProviderID, title: String, model: String, updated: Date, entries: Int, images: Int, credits: Double) {
        self.id = id
        self.provider = provider
        self.title = title
        self.model = model
        self.updated = updated
        self.entries = entries
        self.images = images
        self.credits = credits
    }
}

/// One entry of the selected thread: a request with its weighted prompts and settings, or a
/// response with its images.
public struct EntryRow: Sendable, Hashable {
    public var id: Int64
    public var isRequest: Bool
    public var created: Date
    /// What was asked (requests only), as it was sent.
    public var request: GenerationRequest?
    /// What was composed, when it differs from what was sent (weights folded, negatives
    /// dropped for a model without them); remix loads this, else `request`.
    public var composed: GenerationRequest?
    public var waiting: Bool
    public var error: String?
    public var credits: Double?
    public var revisedPrompt: String?
    public var images: [ImageRow]
    /// Its place in the tree of versions, when it was made from another entry or has versions.
    public var lineage: EntryLineage?

    /// Creates a row.
    public init(
        id: Int64, isRequest: Bool, created: Date, request: GenerationRequest?, waiting: Bool, error: String?,
        credits: Double?, revisedPrompt: String?, images: [ImageRow], composed: GenerationRequest? = nil, lineage: EntryLineage? = nil
    ) {
        self.composed = composed
        self.lineage = lineage
        self.id = id
        self.isRequest = isRequest
        self.created = created
        self.request = request
        self.waiting = waiting
        self.error = error
        self.credits = credits
        self.revisedPrompt = revisedPrompt
        self.images = images
    }
}

/// An image of a response: where it is (saved path, else the server's URL) and its size.
public struct ImageRow: Sendable, Hashable {
    public var path: String?
    public var url: String?
    /// The server's small version, when it offers one (ai-client does).
    public var thumbnailURL: String?
    public var width: Int
    public var height: Int
    public var bytes: Int

    /// Creates a row.
    public init(path: String?, url: String?, thumbnailURL: String? = nil, width: Int, height: Int, bytes: Int) {
        self.path = path
        self.url = url
        self.thumbnailURL = thumbnailURL
        self.width = width
        self.height = height
        self.bytes = bytes
    }
}

/// A full-text match: the thread, the matching entry (nil when the title matched), and the
/// snippet with matches between `\u{1}` and `\u{2}`.
public struct HitRow: Sendable, Hashable {
    public var thread: Int64
    public var entry: Int64?
    public var title: String
    public var snippet: String

    /// Creates a row.
    public init(thread: Int64, entry: Int64?, title: String, snippet: String) {
        self.thread = thread
        self.entry = entry
        self.title = title
        self.snippet = snippet
    }
}

/// How far back the thread list reaches.
public enum HistoryPeriod: String, Sendable, Hashable, CaseIterable {
    case all
    case day
    case week
    case month

    /// Seconds back from now, nil for all time.
    public var seconds: Double? {
        switch self {
        case .all: nil
        case .day: 86_400
        case .week: 7 * 86_400
        case .month: 30 * 86_400
        }
    }

    /// As the filter line shows it.
    public var label: String {
        switch self {
        case .all: "all time"
        case .day: "last 24 h"
        case .week: "last 7 days"
        case .month: "last 30 days"
        }
    }
}

/// What thread list to load: the filters, the order and the page.
public struct HistoryQuery: Sendable, Hashable {
    public var provider: ProviderID?
    public var model: String? = nil
    public var period: HistoryPeriod
    public var newestFirst: Bool
    public var offset: Int
    public var limit: Int
}
