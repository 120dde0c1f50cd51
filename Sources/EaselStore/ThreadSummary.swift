import EaselCore
import Foundation

/// One row of the history list: a thread with its totals.
public struct ThreadSummary: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var provider: ProviderID
    /// The server's guid; nil for a thread that exists only here.
    public var guid: String?
    /// Names the thread across machines even when it has no server guid.
    public var localUUID: String
    public var title: String
    /// The model (ai-client's `ai_version_code`).
    public var model: String
    public var created: Date
    /// The last activity: the server's `updated_at` or the newest entry, whichever is later.
    public var updated: Date
    public var entryCount: Int
    public var imageCount: Int
    /// The credits of all its entries.
    public var credits: Double
}
