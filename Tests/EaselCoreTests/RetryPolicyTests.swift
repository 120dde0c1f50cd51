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
        #expect(schedule.interval(afterWaiting: 0) == .seconds(1))
        #expect(schedule.interval(afterWaiting: 15) == .seconds(1))
        #expect(schedule.interval(afterWaiting: 19.9) == .seconds(1))
        #expect(schedule.interval(afterWaiting: 30) == .seconds(3))
        #expect(schedule.interval(afterWaiting: 600) == .seconds(5))
        #expect(PollSchedule(maxInterval: 2).interval(afterWaiting: 600) == .seconds(2))
        #expect(PollSchedule(firstDelay: 0.05, maxInterval: 0.2).interval(afterWaiting: 0) == .milliseconds(50))
    }

    /// Polls a job sends in its first `seconds`, when it has not finished by then.
    func polls(_ schedule: PollSchedule, within seconds: Double, typical: Double? = nil) -> [Double] {
        var times: [Double] = []
        var elapsed = 0.0
        while true {
            elapsed += schedule.interval(afterWaiting: elapsed, typical: typical).inSeconds
            guard elapsed <= seconds else { return times }
            times.append(elapsed)
        }
    }

    @Test func pollScheduleSendsAtMostOnePollASecondYetNeverLeavesAFinishedJobMoreThanASecond() {
        let schedule = PollSchedule()
        let early = polls(schedule, within: 20)
        #expect(early.count <= 20, "\(early)")
        // Lag: however soon the job finishes, the next poll is at most a second later.
        #expect(zip([0] + early, early).allSatisfy { $1 - $0 <= 1.0 })
    }

    @Test func pollScheduleWaitsForHalfTheTypicalTimeBeforePolling() {
        let schedule = PollSchedule()
        // Jobs there typically take 12 s: nothing before 6 s, then every second again.
        let times = polls(schedule, within: 20, typical: 12)
        #expect(times.first == 5, "capped at poll_max_interval (5 s)")
        #expect(times.dropFirst().first == 6)
        #expect(zip(times.dropFirst(), times.dropFirst(2)).allSatisfy { $1 - $0 <= 1.0 }, "\(times)")
        #expect(times.count == 16, "\(times)")
        #expect(PollSchedule(maxInterval: 10).interval(afterWaiting: 0, typical: 12) == .seconds(6))
        // A server that answers in about a second is polled as often as without a typical time.
        #expect(polls(schedule, within: 20, typical: 1.2) == polls(schedule, within: 20))
        #expect(schedule.interval(afterWaiting: 30, typical: 12) == .seconds(3))
    }

    @Test func completionTimesTakeTheShortestOfTheRecentOnes() {
        var times = CompletionTimes(keep: 3)
        #expect(times.typical == nil)
        times.record(9)
        times.record(4)
        #expect(times.typical == 4)
        times.record(12)
        times.record(11)
        times.record(10)
        #expect(times.typical == 10, "only the last three count")
    }
}
