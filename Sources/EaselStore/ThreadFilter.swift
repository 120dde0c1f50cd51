import EaselCore
import Foundation

/// Which threads the history list shows; nil fields do not filter. Dates bound the thread's last
/// activity (`updated`): `since` inclusive, `until` exclusive.
public struct ThreadFilter: Sendable, Hashable {
    public var provider: ProviderID?
    public var model: String?
    public var since: Date?
    public var until: Date?
    /// Most recently active first (the default), or oldest first.
    public var newestFirst: Bool

    /// A filter; with no arguments, every thread, newest first.
    public init(provider: ProviderID? = nil, model: String? = nil, since: Date? = nil, until: Date? = nil, newestFirst: Bool = true) {
        self.provider = provider
        self.model = model
        self.since = since
        self.until = until
        self.newestFirst = newestFirst
    }
}
