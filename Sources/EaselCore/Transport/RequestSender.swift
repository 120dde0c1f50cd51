import Logging

/// Sends requests through a transport, applying the retry policy: waits between attempts,
/// logs each one (with secrets redacted) and gives up with the last outcome.
public struct RequestSender: Sendable {
    public var transport: any HTTPTransport
    public var policy: RetryPolicy
    public var sleeper: any Sleeper
    public var redactor: SecretRedactor
    public var logger: Logger
    /// A number in 0..<1 for jitter; injected so tests are repeatable.
    public var random: @Sendable () -> Double

    public init(
        transport: any HTTPTransport, policy: RetryPolicy = RetryPolicy(), sleeper: any Sleeper = ClockSleeper(),
        redactor: SecretRedactor = SecretRedactor(), logger: Logger = Logger(label: "easel.http"),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.transport = transport
        self.policy = policy
        self.sleeper = sleeper
        self.redactor = redactor
        self.logger = logger
        self.random = random
    }

    /// Sends a request, retrying as the policy allows, and returns the final response (which may
    /// be an error status for the caller to decode).
    public func send(
        _ request: OutgoingRequest, kind: RetryPolicy.RequestKind, maxBodyBytes: Int = 16 << 20
    ) async throws(TransportFailure) -> IncomingResponse {
        try await perform(request, kind: kind) { () throws(TransportFailure) -> IncomingResponse in
            try await transport.send(request, maxBodyBytes: maxBodyBytes)
        }
    }

    /// Runs `attempt` (one exchange of `request`) until it succeeds or the policy stops it.
    public func perform(
        _ request: OutgoingRequest, kind: RetryPolicy.RequestKind,
        attempt: () async throws(TransportFailure) -> IncomingResponse
    ) async throws(TransportFailure) -> IncomingResponse {
        var retries = 0
        while true {
            let decision: RetryPolicy.Decision
            let outcome: Result<IncomingResponse, TransportFailure>
            do {
                outcome = .success(try await attempt())
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let response):
                log(request, "→ \(response.status)", attempt: retries)
                if response.isSuccess { return response }
                decision = policy.decide(kind: kind, response: response, retriesTaken: retries, random: random())
                if case .stop = decision { return response }
            case .failure(let failure):
                log(request, "failed: \(failure)", attempt: retries)
                decision = policy.decide(kind: kind, failure: failure, retriesTaken: retries, random: random())
                if case .stop = decision { throw failure }
            }
            guard case .retry(let delay) = decision else { continue }
            do {
                try await sleeper.sleep(for: delay)
            } catch {
                throw .local("cancelled")
            }
            retries += 1
        }
    }

    private func log(_ request: OutgoingRequest, _ what: String, attempt: Int) {
        let retry = attempt > 0 ? " (retry \(attempt))" : ""
        logger.info("\(request.method) \(redactor.redact(request.url)) \(redactor.redact(what))\(retry)")
    }
}
