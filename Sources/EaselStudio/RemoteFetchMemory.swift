import Foundation

/// Remembers failed fetches of server-only images, so browsing the history offline (or with a
/// server that lost its files) does not ask the network again on every selection, each answer
/// arriving seconds later as a late "no preview".
///
/// A URL whose fetch failed fails at once for `urlRetry`; a host that could not be reached at
/// all (no answer, as opposed to an HTTP error) fails at once for every URL for `hostRetry`.
struct RemoteFetchMemory: Sendable {
    /// How long a failed URL is not asked for again.
    static let urlRetry: Double = 300
    /// How long an unreachable host is not asked again.
    static let hostRetry: Double = 60

    private var urls: [String: (failure: PreviewFailure, at: Double)] = [:]
    private var hosts: [String: (failure: PreviewFailure, at: Double)] = [:]

    /// The remembered failure for `url` at time `now` (seconds), if it is still fresh.
    func failure(for url: String, now: Double) -> PreviewFailure? {
        if let known = urls[url], now - known.at < Self.urlRetry { return known.failure }
        if let host = Self.host(of: url), let known = hosts[host], now - known.at < Self.hostRetry {
            return PreviewFailure("\(host) could not be reached; not asked again for a minute", reachedServer: false)
        }
        return nil
    }

    /// Notes that fetching `url` failed at `now`; `reachedServer` false marks its host unreachable.
    mutating func remember(_ failure: PreviewFailure, for url: String, reachedServer: Bool, now: Double) {
        urls[url] = (failure, now)
        if !reachedServer, let host = Self.host(of: url) { hosts[host] = (failure, now) }
        // A long offline session meets many URLs; the old ones are the least likely to return.
        if urls.count > 4096 { urls = urls.filter { now - $0.value.at < Self.urlRetry } }
    }

    /// Forgets `url`'s host failure once one of its fetches succeeded.
    mutating func succeeded(_ url: String) {
        if let host = Self.host(of: url) { hosts[host] = nil }
    }

    static func host(of url: String) -> String? {
        URLComponents(string: url)?.host?.lowercased()
    }
}
