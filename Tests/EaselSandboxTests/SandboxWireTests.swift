import EaselImage
import EaselCore
import EaselSandbox
import Foundation
import Testing

/// The sandbox answers with the seeds' shapes and refuses what the real services refuse.
@Suite(.timeLimit(.minutes(1)))
struct SandboxWireTests {
    let transport = AsyncHTTPTransport.sharedForTests

    func send(_ request: OutgoingRequest) async throws -> IncomingResponse {
        try await transport.send(request, maxBodyBytes: 64 << 20)
    }

    func form(_ url: String, _ body: String, token: String? = "t") -> OutgoingRequest {
        var headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return OutgoingRequest(method: "POST", url: url, headers: headers, body: Array(body.utf8))
    }

    @Test func dalle2FlowHasTheSeedShapes() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        let base = sandbox.aiClientBaseURL
        let created = try await send(form(base + "/threads", "ai_version_code=dalle2_text2img"))
        let thread = try #require(JSONValue.parse(created.body)?["data"])
        #expect(thread["ai_code"] == .string("dalle2"))
        let stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000Z$/
        #expect(thread["created_at"]?.stringValue?.wholeMatch(of: stamp) != nil)
        let guid = try #require(thread["guid"]?.stringValue)
        let posted = try await send(form(base + "/threads/\(guid)/entry", "type=request&n=2&size=512x512&prompt=Cats+and+dogs"))
        let entry = try #require(JSONValue.parse(posted.body)?["data"])
        #expect(entry["content"] == .object(["n": .int(2), "size": .string("512x512"), "prompt": .string("Cats and dogs")]))
        #expect(entry["waiting_response"] == .bool(true) && entry["error"] == .string("None") && entry["credits"] == .int(0))
        await sandbox.state.waitUntilPainted(entry: try #require(entry["guid"]?.stringValue))
        let listed = try await send(AIClientWire.listEntries(baseURL: base, token: "t", thread: guid))
        let entries = JSONValue.parse(listed.body)?["data"]?.arrayValue ?? []
        #expect(entries.count == 2)
        #expect(entries.first?["waiting_response"] == .bool(false))
        let response = try #require(entries.last)
        #expect(response["type"] == .string("response") && response["credits"] == .int(14))
        for image in response["content"]?.arrayValue ?? [] {
            let url = try #require(image["url"]?.stringValue)
            let bytes = try await send(OutgoingRequest(method: "GET", url: url)).body
            #expect(image["filesize"]?.intValue == bytes.count)
            #expect(ImageHeader(bytes) == ImageHeader(format: .png, width: 512, height: 512))
            #expect(image["dimensions"] == .string("512x512"))
            let thumbnail = try await send(OutgoingRequest(method: "GET", url: try #require(image["thumbnail_url"]?.stringValue)))
            #expect(thumbnail.header("content-type") == "image/jpeg")
            #expect(ImageHeader(thumbnail.body)?.format == .jpeg)
        }
        await sandbox.stop()
    }

    @Test func refusalsUseEachProvidersShape() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        let base = sandbox.aiClientBaseURL
        let anonymous = try await send(form(base + "/threads", "ai_version_code=dalle2_text2img", token: nil))
        #expect(anonymous.status == 401 && JSONValue.parse(anonymous.body) == .object(["message": .string("Unauthenticated.")]))
        let json = try await send(OutgoingRequest(method: "POST", url: base + "/threads", headers: [("Authorization", "Bearer t"), ("Content-Type", "application/json")], body: Array(#"{"ai_version_code":"dalle2_text2img"}"#.utf8)))
        #expect(json.status == 415)
        let thread = try #require(AIClientWire.decodeThread(try await send(form(base + "/threads", "ai_version_code=stablediffusion_text2img")).body))
        let bad = try await send(form(base + "/threads/\(thread.guid)/entry", "type=request&resolution=640x640&prompts%5B0%5D%5Btext%5D=x&prompts%5B0%5D%5Bweight%5D=1&seed=4"))
        #expect(bad.status == 422)
        let errors = JSONValue.parse(bad.body)?["errors"]
        #expect(errors?["resolution"]?.arrayValue?.first?.stringValue?.contains("allowed: 1024x1024, 1152x896") == true)
        #expect(errors?["seed"] != nil)
        let missing = try await send(AIClientWire.listEntries(baseURL: base, token: "t", thread: "no-such-thread"))
        #expect(missing.status == 404)

        let openAI = sandbox.openAIBaseURL + "/images/generations"
        func post(_ body: String, key: String? = "sk-x") -> OutgoingRequest {
            var headers = [("Content-Type", "application/json")]
            if let key { headers.append(("Authorization", "Bearer \(key)")) }
            return OutgoingRequest(method: "POST", url: openAI, headers: headers, body: Array(body.utf8))
        }
        let noKey = try await send(post(#"{"prompt":"x"}"#, key: nil))
        #expect(noKey.status == 401 && JSONValue.parse(noKey.body)?["error"]?["type"] == .string("invalid_request_error"))
        let unknown = try await send(post(#"{"prompt":"x","bogus":1}"#))
        #expect(unknown.status == 400 && JSONValue.parse(unknown.body)?["error"]?["message"] == .string("Unrecognized request argument supplied: bogus"))
        let wrongType = try await send(post(#"{"prompt":"x","n":"2"}"#))
        #expect(wrongType.status == 400 && JSONValue.parse(wrongType.body)?["error"]?["param"] == .string("n"))
        let badSize = try await send(post(#"{"prompt":"x","model":"dall-e-3","size":"512x512"}"#))
        #expect(badSize.status == 400 && JSONValue.parse(badSize.body)?["error"]?["param"] == .string("size"))
        let noPrompt = try await send(post(#"{"model":"dall-e-3"}"#))
        #expect(JSONValue.parse(noPrompt.body)?["error"]?["code"] == .string("missing_required_parameter"))
        #expect(await sandbox.state.count("openai-generate") == 5)
        await sandbox.stop()
    }

    @Test func onlyTheConfiguredTokenIsAccepted() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "right"))
        let wrong = try await send(form(sandbox.aiClientBaseURL + "/threads", "ai_version_code=dalle2_text2img", token: "wrong"))
        #expect(wrong.status == 401)
        let right = try await send(form(sandbox.aiClientBaseURL + "/threads", "ai_version_code=dalle2_text2img", token: "right"))
        #expect(right.status == 201)
        await sandbox.stop()
    }
}
