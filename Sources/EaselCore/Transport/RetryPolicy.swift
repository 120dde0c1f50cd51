import Foundation

/// When to try an HTTP exchange again and how long to wait first. Pure: the caller supplies the
/// attempt number, the outcome and a random number, so every rule is testable without a clock.
public struct RetryPolicy: Sendable, Hashable {
    /// What kind of request is being retried; generation POSTs must never be sent twice.
    public enum RequestKind: Sendable, Hashable {
        /// GETs (polls, downloads): repeating them changes nothing on the server.
        case idempotent
        /// A POST that creates a generation (and costs money): resent only when it provably never
        /// reached the server, or the server answered 429.
        case generation
    }

    /// What the decision is.
    public enum Decision: Sendable, Hashable {
        case retry(after: Duration)
        case stop
    }

    public var maxRetries: Int
    public var initialDelay: Double
    public var maxDelay: Double
    /// Server-requested delays above this are not waited for: the request fails instead.
    public var maxServerDelay: Double

    public init(maxRetries: Int = 3, initialDelay: Double = 0.5, maxDelay: Double = 8, maxServerDelay: Double = 120) {
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxServerDelay = maxServerDelay
    }

    /// Statuses worth another try when repeating is safe.
    static let retryableStatuses: Set<Int> = [408, 409, 429]

    /// Decides after a response arrived. `retriesTaken` counts earlier retries (0 on the first
    /// answer); `random` is in 0..<1 and only shortens the delay (jitter).
    public func decide(
        kind: RequestKind, response: IncomingResponse, retriesTaken: Int, random: Double
    ) -> Decision {
        guard retriesTaken < maxRetries else { return .stop }
        let shouldRetry = response.header("x-should-retry")?.lowercased()
        if shouldRetry == "false" { return .stop }
        let wanted: Bool
        switch kind {
        case .generation:
            wanted = response.status == 429
        case .idempotent:
            wanted = shouldRetry == "true" || Self.retryableStatuses.contains(response.status) || response.status >= 500
        }
        guard wanted else { return .stop }
        if let serverDelay = Self.serverDelay(response) {
            if serverDelay > maxServerDelay { return .stop }
            if serverDelay > 0 { return .retry(after: .milliseconds(Int64((serverDelay * 1000).rounded(.up)))) }
        }
        return .retry(after: backoff(retriesTaken: retriesTaken, random: random))
    }

    /// Decides after the exchange failed without a response.
    public func decide(kind: RequestKind, failure: TransportFailure, retriesTaken: Int, random: Double) -> Decision {
        guard retriesTaken < maxRetries else { return .stop }
        switch (kind, failure) {
        case (_, .invalidURL), (_, .tooLarge), (_, .local):
            return .stop
        case (.generation, _) where !failure.neverReachedServer:
            return .stop
        default:
            return .retry(after: backoff(retriesTaken: retriesTaken, random: random))
        }
    }

    /// Exponential backoff, 0.5 s doubling to at most 8 s, shortened by up to a quarter.
    public func backoff(retriesTaken: Int, random: Double) -> Duration {
        let base = min(initialDelay * pow(2, Double(retriesTaken)), maxDelay)
        let jittered = base * (1 - 0.25 * min(max(random, 0), 1))
        return .milliseconds(Int64((jittered * 1000).rounded()))
    }

    /// The delay the server asked for, in seconds: `retry-after-ms`, else `Retry-After` as seconds
    /// or an HTTP date.
    static func serverDelay(_ response: IncomingResponse, now: Date = Date()) -> Double? {
        RetryAfter.seconds(retryAfterMs: response.header("retry-after-ms"), retryAfter: response.header("retry-after"), now: now)
    }
}
