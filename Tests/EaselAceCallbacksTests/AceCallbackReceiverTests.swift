import EaselAceCallbacks
import EaselCore
import Foundation
import Testing

/// The callback receiver over real HTTP on 127.0.0.1: what it refuses before any job is touched,
/// and what it hands to a waiting job.
struct AceCallbackReceiverTests {
    static let transport = AsyncHTTPTransport()

    static func payload(trace: String, task: String = "ta") -> String {
        #"{"success":true,"task_id":"\#(task)","trace_id":"\#(trace)","data":{"created":1,"data":[{"url":"https://x/1.png"}]}}"#
    }

    static func post(_ url: String, _ body: String, method: String = "POST") async throws -> Int {
        try await transport.send(
            OutgoingRequest(method: method, url: url, headers: [("Content-Type", "application/json")], body: Array(body.utf8)),
            maxBodyBytes: 1 << 16
        ).status
    }

    @Test func aCallbackWithoutItsSecretIsRefusedAndTouchesNoJob() async throws {
        let receiver = try await AceCallbackReceiver.start(maxBodyBytes: 4096)
        defer { Task { await receiver.stop() } }
        let task = RemoteTask(traceID: "tr", callbackSecret: AceCallbackAddress.newSecret())
        receiver.expect(task)
        let waiter = Task { await receiver.wait(for: "tr") }
        let body = Self.payload(trace: "tr")
        let right = AceCallbackAddress.url(base: receiver.localURL + "cb", task: task)
        #expect(try await Self.post(receiver.localURL + "cb", body) == 401, "no trace, no secret")
        #expect(try await Self.post(receiver.localURL + "cb?trace=tr", body) == 401, "missing secret")
        #expect(try await Self.post(receiver.localURL + "cb?trace=tr&secret=", body) == 401, "empty secret")
        let wrong = RemoteTask(traceID: "tr", callbackSecret: AceCallbackAddress.newSecret())
        #expect(try await Self.post(AceCallbackAddress.url(base: receiver.localURL, task: wrong), body) == 404, "wrong secret")
        let truncated = String(right.dropLast())
        #expect(try await Self.post(truncated, body) == 404, "a prefix of the secret")
        #expect(receiver.counts.accepted == 0 && receiver.counts.ignored == 0, "refusals reach no job")
        #expect(try await Self.post(right, "not json") == 400)
        #expect(try await Self.post(right, String(repeating: "x", count: 10_000)) == 413)
        #expect(try await Self.post(right, Self.payload(trace: "someone-else")) == 400, "the body names another trace")
        #expect(try await Self.post(right, body, method: "GET") != 200)
        #expect(try await Self.post(right, body) == 200)
        let delivered = try #require(await waiter.value)
        #expect(delivered.task.taskID == "ta")
        #expect(receiver.counts.accepted == 1)
    }

    @Test func anotherJobsSecretDoesNotOpenThisJob() async throws {
        let receiver = try await AceCallbackReceiver.start()
        defer { Task { await receiver.stop() } }
        let mine = RemoteTask(traceID: "mine", callbackSecret: AceCallbackAddress.newSecret())
        let theirs = RemoteTask(traceID: "theirs", callbackSecret: AceCallbackAddress.newSecret())
        receiver.expect(mine)
        receiver.expect(theirs)
        // Their (valid) secret with my trace id, in the address and in the body.
        let crossed = RemoteTask(traceID: "mine", callbackSecret: theirs.callbackSecret)
        #expect(try await Self.post(AceCallbackAddress.url(base: receiver.localURL, task: crossed), Self.payload(trace: "mine")) == 404)
        // Their whole address with my trace in the body.
        #expect(try await Self.post(AceCallbackAddress.url(base: receiver.localURL, task: theirs), Self.payload(trace: "mine")) == 400)
        #expect(receiver.counts.accepted == 0)
        let waiter = Task { await receiver.wait(for: "mine") }
        #expect(try await Self.post(AceCallbackAddress.url(base: receiver.localURL, task: mine), Self.payload(trace: "mine")) == 200)
        #expect(try #require(await waiter.value).task.traceID == "mine")
    }

    @Test func aReplayAfterTheJobEndedIsAnsweredAndIgnored() async throws {
        let receiver = try await AceCallbackReceiver.start()
        defer { Task { await receiver.stop() } }
        let task = RemoteTask(traceID: "tr", callbackSecret: AceCallbackAddress.newSecret())
        receiver.expect(task)
        let url = AceCallbackAddress.url(base: receiver.localURL, task: task)
        let waiter = Task { await receiver.wait(for: "tr") }
        #expect(try await Self.post(url, Self.payload(trace: "tr")) == 200)
        #expect(await waiter.value != nil)
        receiver.finish("tr")
        #expect(try await Self.post(url, Self.payload(trace: "tr", task: "replayed")) == 200)
        #expect(receiver.counts.accepted == 1 && receiver.counts.ignored == 1)
        #expect(await receiver.wait(for: "tr") == nil, "nothing reaches a finished job")
        // One character changed (a secret that starts with 0 gets a 1: "0" alone once made the
        // right secret again, one run in sixteen).
        let secret = try #require(task.callbackSecret)
        let wrong = RemoteTask(traceID: "tr", callbackSecret: (secret.hasPrefix("0") ? "1" : "0") + String(secret.dropFirst()))
        #expect(try await Self.post(AceCallbackAddress.url(base: receiver.localURL, task: wrong), Self.payload(trace: "tr")) == 404)
    }

    @Test func aTaskWithoutASecretIsNotAwaited() async throws {
        let receiver = try await AceCallbackReceiver.start()
        defer { Task { await receiver.stop() } }
        // A job journalled before secrets existed: its callback cannot be told from a forged one.
        receiver.expect(RemoteTask(traceID: "old"))
        #expect(try await Self.post(receiver.localURL + "?trace=old&secret=anything", Self.payload(trace: "old")) == 404)
        #expect(await receiver.wait(for: "old") == nil)
        let cancelled = Task { await receiver.wait(for: "other") }
        cancelled.cancel()
        #expect(await cancelled.value == nil)
    }
}
