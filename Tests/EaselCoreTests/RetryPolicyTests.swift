import EaselCore
import Foundation
import Testing

/// The retry rules, decided without a clock.
struct RetryPolicyTests {
    let policy = RetryPolicy(maxRetries: 3)

    func response(_ status: Int, _ headers: [(String, String)] = []) -> IncomingResponse {
        IncomingResponse(status: status, headers: headers)
    }

    @Test func backoffDoublesFromHalfASecondToEightWithJitterThatOnlyShortens() {
        let full = (0..<6).map { policy.backoff(retriesTaken: $0, random: 0) }
        #expect(full == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)])
        #expect(policy.backoff(retriesTaken: 0, random: 0.999_999) == .milliseconds(375))
        #expect(policy.backoff(retriesTaken: 3, random: 1) == .seconds(3))
    }

    @Test(arguments: [408, 409, 429, 500, 502, 503, 504])
    func pollsRetryOnTransientStatuses(status: Int) {
        #expect(policy.decide(kind: .idempotent, response: response(status), retriesTaken: 0, random: 0) == .retry(after: .milliseconds(500)))
    }

    @Test(arguments: [400, 401, 403, 404, 422])
    func clientErrorsAreNotRetried(status: Int) {
        #expect(policy.decide(kind: .idempotent, response: response(status), retriesTaken: 0, random: 0) == .stop)
    }

    @Test func generationPostsRetryOnlyOn429OrWhenTheyNeverConnected() {
        for status in [408, 409, 500, 502, 503, 504] {
            #expect(policy.decide(kind: .generation, response: response(status), retriesTaken: 0, random: 0) == .stop)
        }
        #expect(policy.decide(kind: .generation, response: response(429), retriesTaken: 0, random: 0) == .retry(after: .milliseconds(500)))
        #expect(policy.decide(kind: .generation, failure: .notConnected("refused"), retriesTaken: 0, random: 0) == .retry(after: .milliseconds(500)))
        for failure: TransportFailure in [.noResponse("reset"), .timedOut, .truncated] {
            #expect(policy.decide(kind: .generation, failure: failure, retriesTaken: 0, random: 0) == .stop)
            #expect(policy.decide(kind: .idempotent, failure: failure, retriesTaken: 0, random: 0) == .retry(after: .milliseconds(500)))
        }
    }

    @Test func serverDelaysAreHonouredUpTo120Seconds() {
        #expect(policy.decide(kind: .idempotent, response: response(429, [("Retry-After", "3")]), retriesTaken: 0, random: 0.5) == .retry(after: .seconds(3)))
        #expect(policy.decide(kind: .generation, response: response(429, [("retry-after-ms", "250")]), retriesTaken: 0, random: 0) == .retry(after: .milliseconds(250)))
        #expect(policy.decide(kind: .idempotent, response: response(503, [("Retry-After", "120")]), retriesTaken: 0, random: 0) == .retry(after: .seconds(120)))
        #expect(policy.decide(kind: .idempotent, response: response(503, [("Retry-After", "121")]), retriesTaken: 0, random: 0) == .stop)
        let date = Date().addingTimeInterval(30)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard case .retry(let wait) = policy.decide(kind: .idempotent, response: response(503, [("Retry-After", formatter.string(from: date))]), retriesTaken: 0, random: 0) else {
            Issue.record("an HTTP-date Retry-After should be honoured")
            return
        }
        #expect(wait > .seconds(27) && wait <= .seconds(31))
    }

    @Test func xShouldRetryOverridesTheStatus() {
        #expect(policy.decide(kind: .idempotent, response: response(503, [("x-should-retry", "false")]), retriesTaken: 0, random: 0) == .stop)
        #expect(policy.decide(kind: .idempotent, response: response(400, [("x-should-retry", "true")]), retriesTaken: 0, random: 0) == .retry(after: .milliseconds(500)))
        #expect(policy.decide(kind: .generation, response: response(500, [("x-should-retry", "true")]), retriesTaken: 0, random: 0) == .stop)
    }

    @Test func retriesRunOut() {
        #expect(policy.decide(kind: .idempotent, response: response(500), retriesTaken: 3, random: 0) == .stop)
        #expect(policy.decide(kind: .idempotent, failure: .timedOut, retriesTaken: 3, random: 0) == .stop)
    }

    @Test func pollScheduleStaysWithinASecondForTwentySecondsThenTenPercent() {
        let schedule = PollSchedule()
        #expect(schedule.interval(afterWaiting: 0) == .milliseconds(500))
        #expect(schedule.interval(afterWaiting: 15) == .milliseconds(750))
        #expect(schedule.interval(afterWaiting: 19.9) == .milliseconds(995))
        #expect(schedule.interval(afterWaiting: 30) == .seconds(3))
        #expect(schedule.interval(afterWaiting: 600) == .seconds(5))
        #expect(PollSchedule(maxInterval: 2).interval(afterWaiting: 600) == .seconds(2))
    }
}
