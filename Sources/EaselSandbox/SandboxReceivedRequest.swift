import EaselCore
import EaselImage

/// One request as the sandbox received it, so tests can assert what a client really sent: the
/// URL form, the query, the headers (names lowercased) and the JSON body.
public struct SandboxReceivedRequest: Sendable, Hashable {
    public var route: String
    public var path: String
    public var query: [String: String]
    public var headers: [String: String]
    public var body: JSONValue?

    /// The value of a header, by its name in any case.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
