/// A model the named host no longer serves, and what to use instead. Other hosts (proxies,
/// Azure, compatible servers) may still serve it, so the refusal applies to `host` only.
public struct Retirement: Sendable, Hashable, Codable {
    public var host: String
    public var date: String
    public var replacement: String

    /// Why a request for `model` is refused, naming the replacement.
    public func refusal(model: String) -> String {
        "\(model) was retired by \(host) in \(date); use \(replacement) instead"
    }
}
