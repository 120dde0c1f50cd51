import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// The sandbox speaks Azure OpenAI and AI/ML API as they are documented: URL forms, headers,
/// filter results, refusals in each shape, and both AI/ML reply shapes.
@Suite(.timeLimit(.minutes(1)))
struct SandboxAzureAIMLTests {
    let transport = AsyncHTTPTransport.sharedForTests

    func post(_ url: String, _ body: String, headers: [(String, String)] = [("api-key", "k")]) async throws -> (status: Int, json: JSONValue?) {
        let response = try await transport.send(
            OutgoingRequest(method: "POST", url: url, headers: [("Content-Type", "application/json")] + headers, body: Array(body.utf8)),
            maxBodyBytes: 64 << 20)
        return (response.status, JSONValue.parse(response.body))
    }

    @Test func azureAnswersBothURLFormsWithFilterResults() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        defer { Task { await sandbox.stop() } }
        let deployments = sandbox.azureEndpoint + "/openai/deployments/dall-e-3/images/generations"
        let dated = try await post(deployments + "?api-version=2024-10-21", #"{"prompt":"a badger","size":"1024x1792"}"#)
        #expect(dated.status == 200)
        let datum = try #require(dated.json?["data"]?.arrayValue?.first)
        #expect(datum["url"]?.stringValue?.hasPrefix(sandbox.origin + "/storage/azure/") == true)
        #expect(datum["revised_prompt"]?.stringValue?.isEmpty == false)
        #expect(datum["prompt_filter_results"]?["jailbreak"] == .object(["filtered": .bool(false), "detected": .bool(false)]))
        #expect(datum["content_filter_results"]?["self_harm"] == .object(["filtered": .bool(false), "severity": .string("safe")]))

        let v1 = try await post(sandbox.azureEndpoint + "/openai/v1/images/generations", #"{"model":"gpt-image-1","prompt":"a crane"}"#,
                                headers: [("Authorization", "Bearer entra")])
        #expect(v1.status == 200 && v1.json?["data"]?.arrayValue?.first?["b64_json"] != nil && v1.json?["usage"] != nil)

        let noVersion = try await post(deployments, #"{"prompt":"x"}"#)
        #expect(noVersion.status == 404 && noVersion.json?["error"]?["message"] == .string("Resource not found"))
        let badVersion = try await post(deployments + "?api-version=yesterday", #"{"prompt":"x"}"#)
        #expect(badVersion.status == 400 && badVersion.json?["error"]?["message"] == .string("API version not supported"))
        let noKey = try await post(deployments + "?api-version=2024-10-21", #"{"prompt":"x"}"#, headers: [])
        #expect(noKey.status == 401 && noKey.json?["error"]?["code"] == .string("401"))
        let unknown = try await post(sandbox.azureEndpoint + "/openai/deployments/nope/images/generations?api-version=2024-10-21", #"{"prompt":"x"}"#)
        #expect(unknown.status == 404 && unknown.json?["error"]?["code"] == .string("DeploymentNotFound"))
        let twoImages = try await post(deployments + "?api-version=2024-10-21", #"{"prompt":"x","n":2}"#)
        #expect(twoImages.status == 400 && twoImages.json?["error"]?["param"] == .string("n"))
        let noModel = try await post(sandbox.azureEndpoint + "/openai/v1/images/generations", #"{"prompt":"x"}"#)
        #expect(noModel.status == 400 && noModel.json?["error"]?["param"] == .string("model"))

        let kept = await sandbox.state.receivedRequests("azure-generate")
        #expect(kept.count == 8)
        #expect(kept.first?.query == ["api-version": "2024-10-21"] && kept.first?.header("API-Key") == "k")
        #expect(kept[1].header("authorization") == "Bearer entra" && kept[1].body?["model"] == .string("gpt-image-1"))
    }

    @Test func azureRefusesInEachOfItsThreeContentFilterShapes() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        defer { Task { await sandbox.stop() } }
        let url = sandbox.azureEndpoint + "/openai/deployments/dall-e-3/images/generations?api-version=2024-02-01"
        let task = try await post(url, #"{"prompt":"[blocked] x"}"#)
        #expect(task.status == 400 && task.json?["created"]?.intValue != nil)
        #expect(task.json?["error"] == .object([
            "code": .string("contentFilter"), "message": .string("Your task failed as a result of our safety system."),
        ]))
        let policy = try await post(url, #"{"prompt":"[blocked:policy:sexual] x"}"#)
        let inner = try #require(policy.json?["error"]?["inner_error"])
        #expect(inner["code"] == .string("ResponsibleAIPolicyViolation"))
        #expect(inner["content_filter_results"]?["sexual"] == .object(["filtered": .bool(true), "severity": .string("high")]))
        #expect(inner["content_filter_results"]?["violence"]?["filtered"] == .bool(false))
        #expect(policy.json?["error"]?["code"] == .string("content_policy_violation"))
        let chat = try await post(url, #"{"prompt":"[blocked:chat:jailbreak] x"}"#)
        let innerChat = try #require(chat.json?["error"]?["innererror"])
        #expect(chat.json?["error"]?["code"] == .string("content_filter") && chat.json?["error"]?["type"] == .null)
        #expect(innerChat["content_filter_result"]?["jailbreak"] == .object(["filtered": .bool(true), "detected": .bool(true)]))
    }

    @Test func aimlAPIAnswersInBothShapesAndItsErrorShape() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        defer { Task { await sandbox.stop() } }
        let url = sandbox.aimlAPIBaseURL + "/images/generations"
        let bearer = [("Authorization", "Bearer k")]
        let current = try await post(url, #"{"model":"dall-e-3","prompt":"a beach"}"#, headers: bearer)
        #expect(current.status == 200)
        #expect(current.json?["meta"]?["usage"]?["credits_used"] == .int(84_000))
        #expect(current.json?["data"]?.arrayValue?.first?["b64_json"] == .null)
        let legacy = try await post(url, #"{"model":"dall-e-2","prompt":"a beach","n":2,"size":"256x256"}"#, headers: bearer)
        #expect(legacy.status == 201 && legacy.json?["num_returns"] == .int(2) && legacy.json?["model_owner"] == .string("openai"))
        let choices = try #require(legacy.json?["output"]?["choices"]?.arrayValue)
        let encoded = try #require(choices.first?["image_base64"]?.stringValue)
        let bytes = try #require(Data(base64Encoded: encoded))
        #expect(ImageHeader(Array(bytes)) == ImageHeader(format: .png, width: 256, height: 256))
        let asked = try await post(url, #"{"model":"openai/gpt-image-1","prompt":"a beach"}"#, headers: bearer + [("X-Sandbox-Reply", "legacy")])
        #expect(asked.status == 201 && asked.json?["output"]?["choices"]?.arrayValue?.count == 1)

        let invalid = try await post(url, #"{"model":"dall-e-3","prompt":"a beach","n":2}"#, headers: bearer)
        #expect(invalid.status == 400)
        let error = try #require(invalid.json)
        #expect(error["message"]?.stringValue?.hasPrefix("Body validation error! n: 2 is not allowed") == true)
        #expect(error["path"] == .string("/v1/images/generations") && error["statusCode"] == .int(400))
        #expect(error["requestId"]?.stringValue?.count == 36 && error["timestamp"]?.stringValue?.hasSuffix("Z") == true)
        let unknownModel = try await post(url, #"{"model":"dall-e-9","prompt":"x"}"#, headers: bearer)
        #expect(unknownModel.status == 400 && unknownModel.json?["message"]?.stringValue?.contains("received 'dall-e-9'") == true)
        let anonymous = try await post(url, #"{"model":"dall-e-3","prompt":"x"}"#, headers: [])
        #expect(anonymous.status == 401 && anonymous.json?["statusCode"] == .int(401))
        let broke = try await post(url, #"{"model":"dall-e-3","prompt":"x [no-credits]"}"#, headers: bearer)
        #expect(broke.status == 403)
    }
}
