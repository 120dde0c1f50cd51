import EaselCore
import EaselImage
import Foundation

/// One job as the journal recorded it: what was asked, where it was sent, and how far it got.
public struct JournalJob: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var provider: ProviderID
    public var model: String
    /// The request as submitted; nil only for a row a newer Easel wrote in a shape this one cannot read.
    public var request: GenerationRequest?
    /// The endpoint's base URL, without credentials or query.
    public var baseURL: String
    public var state: JournalState
    /// The server thread, once the server named it.
    public var threadGuid: String?
    /// The request entry, once the server named it.
    public var entryGuid: String?
    public var error: String?
    public var created: Date
    public var updated: Date
    /// When the job reached a final state.
    public var finished: Date?
    /// The provider's task (Ace Data Cloud's task mode), once its trace id was chosen.
    public var task: RemoteTask? = nil
    /// The server's reply, journalled before the images were saved (inline images as
    /// `b64_file` paths); a job with one is finished from it, never sent again.
    public var reply: JSONValue? = nil
    /// Waiting in the studio's queue for a local backend: never sent, so the next studio queues
    /// it again rather than looking for it on a server.
    public var held: Bool = false
    /// An edit's or variation's operation, inputs, mask and parent (nil for a generation).
    public var edit: JournalEdit? = nil
    /// The start of its image files' names, chosen when it was journalled; nil for rows older
    /// Easels wrote.
    public var stem: String? = nil
}
