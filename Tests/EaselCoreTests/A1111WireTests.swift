import EaselCore
import EaselImage
import Foundation
import Testing

/// AUTOMATIC1111's wire format: the txt2img body byte for byte, the reply with its `info`
/// string, progress answers, and every error shape the web UI (or what sits in front of it)
/// sends, each as one safe line.
@Suite struct A1111WireTests {
    static let endpoint = ProviderEndpoint(provider: .a1111, baseURL: "http://gpu-box:7860/", credential: nil)

    static func request(_ parts: [PromptPart], _ settings: [SettingName: SettingValue] = [:]) throws -> ResolvedRequest {
        try Catalog.bundled.resolve(GenerationRequest(provider: .a1111, model: "default", parts: parts, settings: settings)).get()
    }

    @Test("the txt2img body: weights in A1111's syntax, negatives apart, size split, seed -1 when unset")
    func defaultBody() throws {
        let request = try Self.request([PromptPart("a fox (red)"), PromptPart("snow", weight: 1.3), PromptPart("blurry", weight: -1)])
        let body = String(decoding: A1111Wire.body(request, taskID: "easel-1"), as: UTF8.self)
        #expect(body == #"{"batch_size":1,"cfg_scale":7,"force_task_id":"easel-1","height":512,"n_iter":1,"#
            + #""negative_prompt":"blurry","prompt":"a fox \\(red\\), (snow:1.3)","save_images":false,"seed":-1,"#
            + #""send_images":true,"steps":20,"width":512}"#)
    }

    @Test("every setting goes under its A1111 name; a checkpoint is a one-off override")
    func everySetting() throws {
        let request = try Self.request([PromptPart("a fox")], [
            .size: .text("768x512"), .n: .text("2"), .steps: .text("30"), .seed: .text("1234"), .cfgScale: .text("5.5"),
            .sampler: .text("DPM++ 2M"), .scheduler: .text("Karras"), .checkpoint: .text("sd_xl_base_1.0"),
            "n_iter": .text("3"), "save_images": .text("true"),
        ])
        let json = try #require(JSONValue.parse(A1111Wire.body(request)))
        #expect(json["width"] == .int(768) && json["height"] == .int(512))
        #expect(json["batch_size"] == .int(2) && json["n_iter"] == .int(3) && json["steps"] == .int(30))
        #expect(json["seed"] == .int(1234))
        #expect(json["cfg_scale"] == .double(5.5), "a JSON number, not text")
        #expect(json["sampler_name"] == .string("DPM++ 2M") && json["scheduler"] == .string("Karras"))
        #expect(json["override_settings"] == .object(["sd_model_checkpoint": .string("sd_xl_base_1.0")]))
        #expect(json["override_settings_restore_afterwards"] == .bool(true))
        #expect(json["save_images"] == .bool(true) && json["send_images"] == .bool(true))
        #expect(json["force_task_id"] == nil)
    }

    @Test("the request: URL under /sdapi/v1, Basic auth from user:password, a colonless credential refused")
    func requestAndAuth() throws {
        let request = try Self.request([PromptPart("a fox")])
        var endpoint = Self.endpoint
        let plain = try A1111Wire.txt2img(endpoint: endpoint, request: request, taskID: "t")
        #expect(plain.url == "http://gpu-box:7860/sdapi/v1/txt2img")
        #expect(plain.method == "POST")
        #expect(!plain.headers.contains { $0.0 == "Authorization" })
        endpoint.credential = Credential(secret: "ann:s3cret:with:colons", source: "A1111_AUTH")
        let authed = try A1111Wire.txt2img(endpoint: endpoint, request: request, taskID: "t")
        let header = try #require(authed.headers.first { $0.0 == "Authorization" }?.1)
        #expect(header == "Basic " + Data("ann:s3cret:with:colons".utf8).base64EncodedString())
        endpoint.credential = Credential(secret: "just-a-token", source: "A1111_AUTH")
        #expect(throws: GenerationError.configuration(
            "a1111: the credential from A1111_AUTH must be user:password (as given to --api-auth), with a colon"
        )) { _ = try A1111Wire.txt2img(endpoint: endpoint, request: request, taskID: "t") }
        let refused = (try? A1111Wire.progressRequest(endpoint: endpoint)) == nil
        #expect(refused, "the progress poll refuses it too, without leaking it")
    }

    @Test("a reply: images, parameters, info kept verbatim and read for seeds and infotexts, a grid skipped")
    func reply() throws {
        let info = #"{"seed": 11, "all_seeds": [11, 12], "infotexts": ["grid text", "fox\nSteps: 20, Seed: 11", "fox\nSteps: 20, Seed: 12"], "index_of_first_image": 1, "job_timestamp": "20261205101010"}"#
        let body = JSONValue.object([
            "images": .array([.string("GRID"), .string("AAAA"), .string("BBBB")]),
            "parameters": .object(["prompt": .string("fox")]), "info": .string(info),
        ])
        let reply = try #require(A1111Wire.decodeReply(Array(body.jsonText.utf8)))
        #expect(reply.infoText == info)
        #expect(reply.pictureIndices == 1..<3)
        #expect(reply.seed(ofImage: 1) == 11 && reply.seed(ofImage: 2) == 12 && reply.seed(ofImage: 0) == nil)
        #expect(reply.infotext(ofImage: 2) == "fox\nSteps: 20, Seed: 12")
        #expect(reply.info.jobTimestamp == "20261205101010")
        #expect(reply.record == .object(["images": .int(3), "parameters": .object(["prompt": .string("fox")]), "info": .string(info)]))
        let back = try #require(A1111Reply(journalled: reply.journalled))
        #expect(back == reply, "the journal's copy reads back as the same reply")
    }

    @Test("replies that are not a txt2img answer, or whose info is not JSON, are not guessed at")
    func oddReplies() throws {
        #expect(A1111Wire.decodeReply(Array("<html>gateway</html>".utf8)) == nil)
        #expect(A1111Wire.decodeReply(Array(#"{"detail": "Not Found"}"#.utf8)) == nil)
        let noInfo = try #require(A1111Wire.decodeReply(Array(#"{"images": ["AAAA"], "info": "not json {"}"#.utf8)))
        #expect(noInfo.info == A1111Info() && noInfo.infoText == "not json {")
        let wrongTypes = A1111Info(parsing: #"{"all_seeds": "many", "seed": [1], "infotexts": [3], "index_of_first_image": 99999}"#)
        #expect(wrongTypes.allSeeds.isEmpty && wrongTypes.seed == nil && wrongTypes.infotexts == [""])
        #expect(wrongTypes.firstImageIndex == 64, "bounded")
    }

    @Test("error bodies become one safe line each")
    func errors() {
        func line(_ status: Int, _ body: String) -> String {
            A1111Wire.errorLine(status: status, body: Array(body.utf8), host: "gpu-box")
        }
        #expect(line(401, #"{"detail":"Incorrect username or password"}"#)
            == "a1111 at gpu-box refused the credentials: set A1111_AUTH=user:password")
        #expect(line(404, #"{"detail":"Not Found"}"#) == "this server has no /sdapi/v1/txt2img: start the web UI with --api")
        #expect(line(404, "<html>nginx</html>") == "this server has no /sdapi/v1/txt2img: start the web UI with --api")
        #expect(line(404, #"{"detail":"Sampler not found"}"#) == "Sampler not found")
        #expect(line(422, #"{"detail":[{"loc":["body","steps"],"msg":"value is not a valid integer","type":"type_error.integer"}]}"#)
            == "the server refused the request: steps: value is not a valid integer")
        #expect(line(500, #"{"error":"RuntimeError","detail":"","body":"","errors":"checkpoint not found: x"}"#)
            == "RuntimeError: checkpoint not found: x")
        let traceback = "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad \u{1b}[2Jthing\n"
        let traced = line(500, traceback)
        #expect(traced.hasPrefix("ValueError: bad") && !traced.contains("\u{1b}"), "\(traced)")
        #expect(line(500, "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2 GiB")
            == "the server's GPU ran out of memory (CUDA out of memory): try a smaller size, batch or checkpoint")
        let hostile = line(500, #"{"error":"E","errors":"line one\nline two \u001b]52;c;AAAA\u0007 \#(String(repeating: "x", count: 5000))"}"#)
        #expect(!hostile.contains("\n") && !hostile.contains("\u{1b}") && !hostile.contains("\u{7}") && hostile.count <= 300)
        #expect(line(502, "") == "HTTP 502 with an unreadable body")
    }

    @Test("progress: step n/N, fraction, the server's ETA, whose task, the preview bounded")
    func progress() throws {
        let busy = #"{"progress": 0.4, "eta_relative": 3.5, "state": {"job_count": 2, "job_no": 0, "sampling_step": 8, "sampling_steps": 20, "interrupted": false}, "current_image": "iVBORw0KGgo=", "current_task": "easel-1", "textinfo": null}"#
        let answer = try #require(A1111Wire.decodeProgress(Array(busy.utf8)))
        #expect(answer.progress.step == 8 && answer.progress.steps == 20 && answer.progress.fraction == 0.4)
        #expect(answer.progress.eta == .milliseconds(3500))
        #expect(answer.progress.summary == "step 8/20 · 40% · about 3.5 s left (server) · batch 1/2")
        #expect(answer.currentImage == "iVBORw0KGgo=")
        #expect(answer.isRunning("easel-1") == true && answer.isRunning("easel-2") == false)
        let idle = #"{"progress": 0, "eta_relative": 0, "state": {"job_count": 0, "sampling_step": 0, "sampling_steps": 0}, "current_image": null}"#
        let quiet = try #require(A1111Wire.decodeProgress(Array(idle.utf8)))
        #expect(!quiet.busy && quiet.isRunning("easel-1") == false && quiet.progress.summary == "generating")
        let anonymous = try #require(A1111Wire.decodeProgress(Array(#"{"progress": 0.5, "state": {"job_count": 1}}"#.utf8)))
        #expect(anonymous.isRunning("easel-1") == nil, "an older web UI does not name its task")
        let huge = #"{"progress": 0.5, "state": {"job_count": 1, "sampling_step": 999, "sampling_steps": 20}, "current_image": "\#(String(repeating: "A", count: 6 << 20))"}"#
        let bounded = try #require(A1111Wire.decodeProgress(Array(huge.utf8)))
        #expect(bounded.currentImage == nil && bounded.progress.step == nil && bounded.progress.steps == 20)
        #expect(A1111Wire.decodeProgress(Array("[1,2]".utf8)) == nil && A1111Wire.decodeProgress(Array("nope".utf8)) == nil)
    }

    @Test("lists: names made safe, deduplicated, bounded; the current checkpoint read from options")
    func lists() {
        let models = #"[{"title": "a.safetensors [1]", "model_name": "a"}, {"title": "evil\u001b[31m [2]"}, {"title": "a.safetensors [1]"}, {"model_name": "no title"}]"#
        #expect(A1111Wire.decodeNames(Array(models.utf8), field: "title")?.count == 2)
        #expect(A1111Wire.decodeNames(Array(models.utf8), field: "title")?.contains { $0.contains("\u{1b}") } == false)
        #expect(A1111Wire.decodeNames(Array(#"{"detail": "x"}"#.utf8), field: "name") == nil)
        #expect(A1111Wire.decodeCurrentCheckpoint(Array(#"{"sd_model_checkpoint": "a.safetensors [1]"}"#.utf8)) == "a.safetensors [1]")
        let choices = ServerChoices(values: [.sampler: ["Euler a", "DPM++ 2M"]])
        #expect(choices.problem(.sampler, value: "Euler a") == nil && choices.problem(.scheduler, value: "anything") == nil)
        #expect(choices.problem(.sampler, value: "Euler z") == #"sampler "Euler z" is not one this server has: Euler a, DPM++ 2M"#)
    }
}
