@testable import EaselCore
import Testing

/// The stream deadlines count from the attempt to send, not from the job: a wait before the
/// request leaves (for a connection, or a 429's Retry-After) is not a silent stream.
struct StreamWatchTests {
    @Test("an unarmed watch never expires; armed, it expires past the idle deadline; disarmed, it waits again")
    func armedOnlyWhileSending() async throws {
        let watch = StreamWatch(StreamDeadlines(idle: .milliseconds(30), overall: .seconds(60)))
        try await Task.sleep(for: .milliseconds(90))
        #expect(watch.check() == nil, "expired before anything was sent")
        watch.arm()
        watch.disarm()
        try await Task.sleep(for: .milliseconds(90))
        #expect(watch.check() == nil, "expired while waiting to retry")
        watch.arm()
        try await Task.sleep(for: .milliseconds(90))
        let expired = try #require(watch.check())
        #expect(expired.description.contains("stream_idle_timeout"))
        // Remembered once found, whatever happens next.
        watch.progressed()
        #expect(watch.check() == expired)
    }

    @Test("expiry() returns once armed and silent, not before")
    func expiryWaitsForTheArm() async throws {
        let watch = StreamWatch(StreamDeadlines(idle: .milliseconds(20), overall: .seconds(60)))
        let waiter = Task { await watch.expiry() }
        try await Task.sleep(for: .milliseconds(120))
        #expect(watch.check() == nil)
        watch.arm()
        await waiter.value
        #expect(watch.check() != nil)
    }
}
