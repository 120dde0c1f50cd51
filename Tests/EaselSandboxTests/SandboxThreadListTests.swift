import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// `GET /api/v1/threads`: the thread list a sync can discover threads from, and the switch that
/// turns it off so clients are tested against servers without it.
@Suite(.timeLimit(.minutes(1)))
struct SandboxThreadListTests {
    let transport = AsyncHTTPTransport.sharedForTests

    func createThread(_ base: String, _ code: String) async throws -> String {
        let request = OutgoingRequest(
            method: "POST", url: base + "/threads",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", "Bearer t")],
            body: Array("ai_version_code=\(code)".utf8))
        let reply = try await transport.send(request, maxBodyBytes: 1 << 20)
        return try #require(JSONValue.parse(reply.body)?["data"]?["guid"]?.stringValue)
    }

    func list(_ base: String, token: String? = "t") async throws -> IncomingResponse {
        let headers = token.map { [("Authorization", "Bearer \($0)"), ("Accept", "application/json")] } ?? []
        return try await transport.send(OutgoingRequest(method: "GET", url: base + "/threads", headers: headers, body: []), maxBodyBytes: 1 << 20)
    }

    @Test("lists every thread, most recently updated first, in the shape a created thread has")
    func listsThreads() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        let first = try await createThread(sandbox.aiClientBaseURL, "dalle2_text2img")
        let second = try await createThread(sandbox.aiClientBaseURL, "stablediffusion_text2img")
        let reply = try await list(sandbox.aiClientBaseURL)
        #expect(reply.status == 200)
        let threads = JSONValue.parse(reply.body)?["data"]?.arrayValue ?? []
        #expect(Set(threads.compactMap { $0["guid"]?.stringValue }) == [first, second])
        #expect(threads.first?["ai_version_code"] != nil && threads.first?["title"] != nil)
        #expect(try await list(sandbox.aiClientBaseURL, token: nil).status == 401)
        #expect(await sandbox.state.count("list-threads") == 2)
        await sandbox.stop()
    }

    @Test("switched off, the route answers 404 like a server without it")
    func switchedOff() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, threadList: false))
        _ = try await createThread(sandbox.aiClientBaseURL, "dalle2_text2img")
        #expect(try await list(sandbox.aiClientBaseURL).status == 404)
        await sandbox.stop()
    }
}
