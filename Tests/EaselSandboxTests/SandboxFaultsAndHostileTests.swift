import EaselCore
import EaselImage
@testable import EaselSandbox
import Foundation
import Testing

/// `--faults` (the plan, its draws, the per-tag POST counts) and `--hostile` (the corpus in the
/// text of replies, ids and image bytes untouched).
@Suite(.timeLimit(.minutes(1)))
struct SandboxFaultsAndHostileTests {
    let transport = AsyncHTTPTransport.sharedForTests

    func post(_ url: String, _ body: String, token: String? = "t") async throws -> IncomingResponse {
        var headers = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try await transport.send(OutgoingRequest(method: "POST", url: url, headers: headers, body: Array(body.utf8)), maxBodyBytes: 1 << 24)
    }

    @Test func planSyntaxIsReadAndMistakesAreNamed() throws {
        let plan = try FaultPlan(parsing: "429:0.05, 500:0.1,reset-after:0.03,route=/v1/images,stall-seconds=0.5")
        #expect(plan.faults.map(\.kind) == [.tooManyRequests, .serverError, .resetAfter])
        #expect(plan.routes == ["/v1/images"] && plan.stallSeconds == 0.5)
        #expect(plan.applies(to: "/v1/images/generations") && !plan.applies(to: "/api/v1/threads"))
        #expect(!plan.applies(to: "/_sandbox/stats"))
        #expect(plan.fault(at: 0.01) == .tooManyRequests && plan.fault(at: 0.14) == .serverError && plan.fault(at: 0.5) == nil)
        #expect(throws: FaultPlanError.self) { try FaultPlan(parsing: "teapot:0.1") }
        #expect(throws: FaultPlanError.self) { try FaultPlan(parsing: "429:1.5") }
        #expect(throws: FaultPlanError.self) { try FaultPlan(parsing: "429:0.6,500:0.6") }
        #expect(throws: FaultPlanError.self) { try FaultPlan(parsing: "route=v1") }
    }

    @Test func tagsAndRoutesAreReadFromAnyBody() {
        #expect(SandboxStats.tag(in: Array(#"{"prompt":"a fox sbx-job42 in snow"}"#.utf8)) == "sbx-job42")
        #expect(SandboxStats.tag(in: Array("prompt=a+fox+sbx-A1b2&n=1".utf8)) == "sbx-A1b2")
        #expect(SandboxStats.tag(in: Array("sbx-ab only".utf8)) == nil)
        #expect(SandboxStats.route("/api/v1/threads/0b6c2f7e-1a2b-4c3d/entry") == "/api/v1/threads/*/entry")
        #expect(SandboxStats.isGeneration("/openai/deployments/dall-e-3/images/generations"))
        #expect(!SandboxStats.isGeneration("/openai/tasks"))
    }

    @Test func everyRequestRefusedWith429IsNotHandledNorCounted() async throws {
        var options = SandboxOptions(delay: 0)
        options.faults = try FaultPlan(parsing: "429:1")
        let sandbox = try await SandboxServer.start(options)
        let reply = try await post(sandbox.openAIBaseURL + "/images/generations", #"{"model":"dall-e-2","prompt":"fox sbx-t429","size":"256x256"}"#)
        #expect(reply.status == 429)
        #expect(reply.headers.first { $0.0.lowercased() == "retry-after" }?.1 == "1")
        let stats = await sandbox.state.stats.json()
        #expect(stats["faults"]?["429"]?.intValue == 1)
        #expect(stats["tags"]?["sbx-t429"] == nil, "a refused request never reached its handler")
        await sandbox.stop()
    }

    @Test func aPOSTHandledTwiceIsADuplicateAndResetAfterStillHandlesIt() async throws {
        var options = SandboxOptions(delay: 0)
        options.faults = try FaultPlan(parsing: "reset-after:1")
        let sandbox = try await SandboxServer.start(options)
        let url = sandbox.openAIBaseURL + "/images/generations"
        let body = #"{"model":"dall-e-2","prompt":"fox sbx-twice","size":"256x256"}"#
        for _ in 0..<2 {
            await #expect(throws: (any Error).self) { _ = try await post(url, body) }
        }
        let stats = await sandbox.state.stats.json()
        #expect(stats["tags"]?["sbx-twice"]?["made"] == .bool(true))
        #expect(stats["duplicates"]?.arrayValue?.first?["count"]?.intValue == 2)
        await sandbox.stop()
    }

    @Test func hostileRepliesCarryTheCorpusInTextButNotInIdsOrImages() async throws {
        var options = SandboxOptions(delay: 0)
        options.hostileSeed = 3
        let sandbox = try await SandboxServer.start(options)
        let reply = try await post(sandbox.openAIBaseURL + "/images/generations", #"{"model":"dall-e-3","prompt":"a fox"}"#)
        #expect(reply.status == 200)
        let json = try #require(JSONValue.parse(reply.body))
        let item = try #require(json["data"]?.arrayValue?.first)
        let revised = try #require(item["revised_prompt"]?.stringValue)
        #expect(HostileCorpus.payloads.contains { revised.hasSuffix($0) })
        let url = try #require(item["url"]?.stringValue)
        #expect(url.contains("?hx=") && !url.contains("\u{1B}"), "the corpus travels percent-encoded")
        // The URL still leads to the image, whose bytes are untouched.
        let image = try await transport.send(OutgoingRequest(method: "GET", url: url, headers: [], body: []), maxBodyBytes: 1 << 24)
        #expect(Array(image.body.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        let refused = try await post(sandbox.openAIBaseURL + "/images/generations", "{}", token: nil)
        let message = try #require(JSONValue.parse(refused.body)?["error"]?["message"]?.stringValue)
        #expect(message.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) || $0.value == 0x202E })
        await sandbox.stop()
    }
}
