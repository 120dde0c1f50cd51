import EaselAceCallbacks
import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// The sandbox speaking Ace Data Cloud (seed 002): the synchronous reply, the task mode's
/// `task_id`, retrieve by id and by trace id, the callback POST, and the error shape.
@Suite(.timeLimit(.minutes(1)))
struct SandboxAceDataTests {
    let transport = AsyncHTTPTransport.sharedForTests

    func post(_ url: String, _ body: String, token: String? = "t") async throws -> IncomingResponse {
        var headers = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try await transport.send(OutgoingRequest(method: "POST", url: url, headers: headers, body: Array(body.utf8)), maxBodyBytes: 1 << 24)
    }

    @Test func synchronousRequestsGetTheOpenAIShape() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        let reply = try await post(sandbox.aceDataBaseURL + "/openai/images/generations", #"{"model":"dall-e-3","prompt":"A cute baby sea otter"}"#)
        #expect(reply.status == 200)
        let json = try #require(JSONValue.parse(reply.body))
        #expect(json["created"]?.intValue != nil)
        #expect(json["data"]?.arrayValue?.first?["url"]?.stringValue?.hasPrefix(sandbox.origin + "/storage/acedata/") == true)
        #expect(json["data"]?.arrayValue?.first?["revised_prompt"] != nil)
        await sandbox.stop()
    }

    @Test func aCallbackURLMakesATaskThatRetrieveAndTheCallbackReport() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0.2))
        let receiver = try await AceCallbackReceiver.start()
        let awaited = RemoteTask(traceID: "my-trace", callbackSecret: AceCallbackAddress.newSecret())
        receiver.expect(awaited)
        let callback = AceCallbackAddress.url(base: receiver.localURL, task: awaited)
        let reply = try await post(
            sandbox.aceDataBaseURL + "/openai/images/generations",
            // The first retrieve sees the task running however late it comes (no race with the delay).
            #"{"model":"dall-e-2","prompt":"a fox ace-pending-polls:1","size":"256x256","callback_url":"\#(callback)","trace_id":"my-trace"}"#)
        let json = try #require(JSONValue.parse(reply.body))
        let taskID = try #require(json["task_id"]?.stringValue)
        guard case .object(let fields) = json else { Issue.record("not an object"); return }
        #expect(fields.keys.sorted() == ["task_id"], "the seed's reply has the task id alone")

        let tasks = sandbox.aceDataBaseURL + "/openai/tasks"
        let pending = try #require(JSONValue.parse(try await post(tasks, #"{"action":"retrieve","id":"\#(taskID)"}"#).body))
        #expect(pending["id"]?.stringValue == taskID && pending["trace_id"]?.stringValue == "my-trace" && pending["response"] == nil)
        #expect(JSONValue.parse(try await post(tasks, #"{"action":"retrieve","id":"unknown"}"#).body) == .object([:]))

        let delivery = try #require(await receiver.wait(for: "my-trace"))
        #expect(delivery.task == RemoteTask(traceID: "my-trace", taskID: taskID))
        #expect(await sandbox.state.aceTasks.waitForCallback(traceID: "my-trace") == 200)
        let done = try #require(JSONValue.parse(try await post(tasks, #"{"action":"retrieve","trace_id":"my-trace"}"#).body))
        #expect(done["response"]?["success"] == .bool(true))
        #expect(done["response"]?["data"]?.arrayValue?.count == 1 && done["finished_at"] != nil)
        #expect(await sandbox.state.count("acedata-generate") == 1)
        #expect(await sandbox.state.count("acedata-tasks") == 3)
        await receiver.stop()
        await sandbox.stop()
    }

    @Test func errorsHaveAcesShape() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "right"))
        let url = sandbox.aceDataBaseURL + "/openai/images/generations"
        let used = try await post(url, #"{"model":"dall-e-3","prompt":"x ace-error:used_up"}"#, token: "right")
        #expect(used.status == 403)
        let json = try #require(JSONValue.parse(used.body))
        #expect(json["success"] == .bool(false) && json["error"]?["code"] == .string("used_up") && json["trace_id"]?.stringValue != nil)
        #expect(try await post(url, #"{"model":"dall-e-3","prompt":"x"}"#, token: "wrong").status == 401)
        #expect(try await post(url, #"{"model":"dall-e-3","prompt":"x"}"#, token: nil).status == 401)
        #expect(try await post(url, #"{"model":"midjourney","prompt":"x"}"#, token: "right").status == 400)
        #expect(try await post(url, #"{"model":"dall-e-3","prompt":"x ace-error:timeout"}"#, token: "right").status == 504)
        await sandbox.stop()
    }
}
