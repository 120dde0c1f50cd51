import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// `GET /_sandbox/stats`: the per-route request counts a test outside the process reads.
@Suite(.timeLimit(.minutes(1)))
struct SandboxStatsTests {
    let transport = AsyncHTTPTransport.sharedForTests

    func stats(_ origin: String) async throws -> [String: Int] {
        let reply = try await transport.send(
            OutgoingRequest(method: "GET", url: origin + "/_sandbox/stats", headers: [], body: []), maxBodyBytes: 1 << 20)
        #expect(reply.status == 200)
        guard case .object(let counts)? = JSONValue.parse(reply.body)?["counts"] else {
            Issue.record("no counts object: \(String(decoding: reply.body, as: UTF8.self))")
            return [:]
        }
        return counts.compactMapValues(\.intValue)
    }

    @Test("counts each route's requests, refused ones too, without a token and without counting itself")
    func countsRoutes() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "t"))
        #expect(try await stats(sandbox.origin) == [:])
        for token in ["t", "wrong"] {
            let request = OutgoingRequest(
                method: "POST", url: sandbox.aiClientBaseURL + "/threads",
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", "Bearer \(token)")],
                body: Array("ai_version_code=dalle2_text2img".utf8))
            _ = try await transport.send(request, maxBodyBytes: 1 << 20)
        }
        #expect(try await stats(sandbox.origin) == ["create-thread": 2])
        #expect(await sandbox.state.count("create-thread") == 2)
        await sandbox.stop()
    }
}
