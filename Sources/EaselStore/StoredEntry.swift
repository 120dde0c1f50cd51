import EaselCore
import EaselImage
import Foundation

/// An entry of a stored thread, with its images.
public struct StoredEntry: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var thread: Int64
    /// The server's guid; nil for an entry of a local thread.
    public var guid: String?
    public var kind: EntryKind
    /// Its place in the thread, from 0.
    public var position: Int
    /// What was asked; nil for responses, and for rows too new for this build to read.
    public var request: GenerationRequest?
    /// What was composed, when it differs from what was sent (`request`).
    public var composed: GenerationRequest? = nil
    /// The server's JSON for the entry, byte for byte as it was recorded.
    public var rawJSON: String?
    /// ai-client's `waiting_response` when last recorded.
    public var waiting: Bool
    public var error: String?
    public var credits: Double?
    public var usage: JSONValue?
    public var revisedPrompt: String?
    public var created: Date
    public var images: [StoredImage]
}
