import Hummingbird
import NIOCore

/// The sandbox's request context: Hummingbird's basic one plus the connection, so the fault
/// plan can drop a connection mid-request the way a failing network or proxy would.
public struct SandboxRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
