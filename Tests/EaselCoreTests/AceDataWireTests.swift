import EaselCore
import EaselImage
import Foundation
import Testing

/// Ace Data Cloud's bytes (seed 002), the poll pacer's arithmetic, and the callback address.
struct AceDataWireTests {
    @Test func theTaskModeBodyAddsCallbackAndTraceToWhatTheUserChose() throws {
        let request = try resolved(GenerationRequest(
            provider: .aceData, model: "dall-e-3", parts: [PromptPart("A cute baby sea otter")], settings: [.style: .text("vivid")]))
        let sync = AceDataWire.createImage(baseURL: "https://api.acedata.cloud/", token: "tok", request: request)
        #expect(sync.url == "https://api.acedata.cloud/openai/images/generations")
        #expect(String(decoding: sync.body ?? [], as: UTF8.self) == #"{"model":"dall-e-3","prompt":"A cute baby sea otter","style":"vivid"}"#)
        #expect(sync.headers.contains { $0 == ("Authorization", "Bearer tok") })
        let task = AceDataWire.createImage(
            baseURL: "https://api.acedata.cloud", token: "tok", request: request, callbackURL: "https://callback.invalid/easel",
            traceID: "t-1")
        #expect(String(decoding: task.body ?? [], as: UTF8.self)
            == #"{"callback_url":"https://callback.invalid/easel","model":"dall-e-3","prompt":"A cute baby sea otter","style":"vivid","trace_id":"t-1"}"#)
    }

    @Test func theAsyncSettingIsEaselsOwnAndNeverSent() throws {
        let request = try resolved(GenerationRequest(
            provider: .aceData, model: "dall-e-3", parts: [PromptPart("an otter")], settings: [.async: .text("true"), .style: .text("natural")]))
        #expect(request[.async] == .boolean(true))
        let body = JSONValue.parse(AceDataWire.createImage(baseURL: "https://api.acedata.cloud", token: "t", request: request).body ?? [])
        #expect(body?["async"] == nil && body?["style"] == .string("natural"))
        let wrong = Catalog.bundled.resolve(GenerationRequest(
            provider: .aceData, model: "gpt-image-1", parts: [PromptPart("x")], settings: [.async: .text("soon")])).failure
        #expect(wrong?.problems.map(\.field) == ["async"])
    }

    @Test func retrieveAsksByTaskIDOrByTraceID() {
        let byID = AceDataWire.retrieveTask(baseURL: "https://api.acedata.cloud", token: "tok", task: RemoteTask(traceID: "tr", taskID: "ta"))
        #expect(byID.url == "https://api.acedata.cloud/openai/tasks" && byID.method == "POST")
        #expect(String(decoding: byID.body ?? [], as: UTF8.self) == #"{"action":"retrieve","id":"ta"}"#)
        let byTrace = AceDataWire.retrieveTask(
            baseURL: "https://api.acedata.cloud", token: "tok", task: RemoteTask(traceID: "tr", taskID: "ta"), byTrace: true)
        #expect(String(decoding: byTrace.body ?? [], as: UTF8.self) == #"{"action":"retrieve","trace_id":"tr"}"#)
    }

    @Test func repliesAndTheSeedsCallbackDecode() throws {
        #expect(AceDataWire.decodeTaskID(Array(#"{"task_id": "6a97bf49-df50-4129-9e46-119aa9fca73c"}"#.utf8)) == "6a97bf49-df50-4129-9e46-119aa9fca73c")
        #expect(AceDataWire.decodeRetrieve(Array("{}".utf8)) == .notFound)
        #expect(AceDataWire.decodeRetrieve(Array(#"{"id": "a", "trace_id": "b", "request": {}}"#.utf8)) == .pending(taskID: "a"))
        let done = AceDataWire.decodeRetrieve(Array(#"{"id": "a", "response": {"created": 1, "data": [{"url": "https://x/1.png"}], "success": true}}"#.utf8))
        guard case .finished(let reply)? = done else { Issue.record("not finished: \(String(describing: done))"); return }
        #expect(reply.data.map(\.url) == ["https://x/1.png"])
        let failed = AceDataWire.decodeRetrieve(Array(#"{"id": "a", "response": {"success": false, "error": {"code": "api_error", "message": "fetch\u001b[31m failed"}}}"#.utf8))
        guard case .failed(let code, let message)? = failed else { Issue.record("not failed"); return }
        #expect(code == "api_error" && !message.contains("\u{1B}"))
        let seed = """
            {
              "success": true,
              "task_id": "6a97bf49-df50-4129-9e46-119aa9fca73c",
              "trace_id": "9b4b1ff3-90f2-470f-b082-1061ec2948cc",
              "data": {
                "created": 1721626477,
                "data": [
                  {
                    "revised_prompt": "A delightful image showcasing a young sea otter...",
                    "url": "https://dalleprodsec.blob.core.windows.net/private/images/..."
                  }
                ]
              }
            }
            """
        let callback = try #require(AceDataWire.decodeCallback(Array(seed.utf8)))
        #expect(callback.task == RemoteTask(traceID: "9b4b1ff3-90f2-470f-b082-1061ec2948cc", taskID: "6a97bf49-df50-4129-9e46-119aa9fca73c"))
        guard case .finished(let images) = callback.status else { Issue.record("not finished"); return }
        #expect(images.data.first?.revisedPrompt == "A delightful image showcasing a young sea otter...")
    }

    @Test func theSeedsErrorExampleBecomesOneLine() {
        let body = """
            {
              "success": false,
              "error": {
                "code": "api_error",
                "message": "fetch failed"
              },
              "trace_id": "2cf86e86-22a4-46e1-ac2f-032c0f2a4e89"
            }
            """
        #expect(AceDataWire.errorLine(status: 500, body: Array(body.utf8))
            == "Ace Data Cloud failed while making the image (api_error); the service said: fetch failed (trace 2cf86e86-22a4-46e1-ac2f-032c0f2a4e89)")
        #expect(AceDataWire.errorLine(status: 403, body: Array(#"{"success":false,"error":{"code":"content_blocked","message":"no"}}"#.utf8))
            .hasPrefix("the request was refused, probably by content moderation (content_blocked)"))
        #expect(AceDataWire.errorLine(status: 504, body: Array("<html>504</html>".utf8)).contains("HTTP 504"))
        #expect(AceDataWire.errorLine(status: 401, body: Array(#"{"error":"bad\ntoken"}"#.utf8)).hasSuffix("the service said: bad token"))
    }

    @Test func thePacerSpacesRequestsAndNeverBunchesLateWakers() {
        var pacer = RequestPacer(rate: 4)
        #expect(pacer.reserve(at: 10) == 0)
        #expect(pacer.reserve(at: 10) == 0.25)
        #expect(pacer.reserve(at: 10) == 0.5)
        #expect(pacer.reserve(at: 11) == 0, "the queue ran dry by then")
        var admitting = RequestPacer(rate: 4)
        #expect(admitting.admit(at: 1.0) == 0)
        // The one due at 1.25 woke late, at 1.4; the one due at 1.5 must then wait until 1.65.
        #expect(admitting.admit(at: 1.4) == 0)
        #expect(abs(admitting.admit(at: 1.5) - 0.15) < 1e-9)
        #expect(admitting.admit(at: 1.66) == 0)
    }

    @Test func theMeterFindsTheBusiestSecond() {
        var meter = RateMeter()
        for time in [0.0, 0.1, 0.2, 0.9, 1.0, 1.05, 1.1, 3.0] { meter.note(at: time) }
        #expect(meter.total == 8)
        #expect(meter.maxPerSecond == 5, "0.1 … 1.05 lie within one second; 0.0 and 1.0 do not")
        var long = RateMeter()
        for step in 0..<10_000 { long.note(at: Double(step) * 0.25) }
        #expect(long.maxPerSecond == 4)
    }
}

/// How a callback address carries its job's trace id and secret.
struct AceCallbackAddressTests {
    @Test func theAddressCarriesTraceAndSecretInItsQuery() {
        let task = RemoteTask(traceID: "tr-1", callbackSecret: "s3cr3t")
        #expect(AceCallbackAddress.url(base: "https://easel.example.net/ace", task: task) == "https://easel.example.net/ace?trace=tr-1&secret=s3cr3t")
        #expect(AceCallbackAddress.url(base: "https://x/ace?a=1#f", task: task) == "https://x/ace?a=1&trace=tr-1&secret=s3cr3t#f")
        #expect(AceCallbackAddress.url(base: "https://x/", task: RemoteTask(traceID: "t")) == "https://x/", "no secret, no query")
        let found = AceCallbackAddress.credentials(inQuery: "a=1&trace=tr-1&secret=s3cr3t")
        #expect(found.trace == "tr-1" && found.secret == "s3cr3t")
        #expect(AceCallbackAddress.credentials(inQuery: "trace=t&secret=").secret == nil)
    }

    @Test func secretsAreLongRandomAndComparedWhole() {
        let one = AceCallbackAddress.newSecret()
        #expect(one.count == 64 && one.allSatisfy(\.isHexDigit), "256 bits as hex")
        #expect(one != AceCallbackAddress.newSecret())
        #expect(AceCallbackAddress.matches(one, one))
        #expect(!AceCallbackAddress.matches(one, String(one.dropLast())))
        #expect(!AceCallbackAddress.matches(String(one.dropLast()) + "x", one))
        #expect(!AceCallbackAddress.matches("", one))
    }

    @Test func theSecretStaysOutOfLogsTextAndJSON() throws {
        let secret = AceCallbackAddress.newSecret()
        let task = RemoteTask(traceID: "tr", taskID: "ta", callbackSecret: secret)
        #expect(!"\(task)".contains(secret))
        #expect(!String(decoding: try JSONEncoder().encode(task), as: UTF8.self).contains(secret))
        let line = "POST body callback_url=" + AceCallbackAddress.url(base: "https://x/ace", task: task)
        #expect(!SecretRedactor().redact(line).contains(secret))
        #expect(SecretRedactor().redact(line).contains("secret=[redacted]"))
    }
}
