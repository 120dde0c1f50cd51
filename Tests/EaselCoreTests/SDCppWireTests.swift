import EaselCore
import EaselImage
import Foundation
import Testing

/// sd-server's native API on the wire: the bytes Easel sends and how it reads (hostile) replies.
struct SDCppWireTests {
    let endpoint = ProviderEndpoint(provider: .sdcpp, baseURL: "http://gpu.local:1234/", credential: nil)

    @Test func theJobBodyCarriesPromptsSettingsSeedAndLoRAs() throws {
        let request = try resolved(GenerationRequest(
            provider: .sdcpp, model: "default",
            parts: [
                PromptPart("a fox", weight: 1.2), PromptPart("detail", weight: 0.6, kind: .lora), PromptPart("BREAK", kind: .breakMarker),
                PromptPart("snow (deep)"), PromptPart("blurry", weight: -1.5),
            ],
            settings: [.size: .text("768x512"), .steps: .text("28"), .cfgScale: .text("5.5"), .sampler: .text("euler_a"), .scheduler: .text("karras"), .n: .text("2")]))
        let outgoing = SDCppWire.createImage(endpoint: endpoint, request: request, seed: 1234, loras: [("detail.safetensors", 0.6)])
        #expect(outgoing.method == "POST" && outgoing.url == "http://gpu.local:1234/sdcpp/v1/img_gen")
        #expect(!outgoing.headers.contains { $0.0 == "Authorization" })
        let body = try #require(JSONValue.parse(outgoing.body ?? []))
        #expect(body == .object([
            "prompt": .string(#"(a fox:1.2), BREAK, snow \(deep\)"#), "negative_prompt": .string("(blurry:1.5)"), "seed": .int(1234),
            "width": .int(768), "height": .int(512), "batch_count": .int(2), "output_format": .string("png"),
            "sample_params": .object([
                "sample_steps": .int(28), "sample_method": .string("euler_a"), "scheduler": .string("karras"),
                "guidance": .object(["txt_cfg": .double(5.5)]),
            ]),
            "lora": .array([.object(["path": .string("detail.safetensors"), "multiplier": .double(0.6)])]),
        ]))
    }

    @Test func unsetSettingsAreLeftToTheServer() throws {
        let request = try resolved(GenerationRequest(provider: .sdcpp, model: "default", parts: [PromptPart("a fox")]))
        let keyed = ProviderEndpoint(provider: .sdcpp, baseURL: "http://h", credential: Credential(secret: "k1", source: "test"))
        let outgoing = SDCppWire.createImage(endpoint: keyed, request: request, seed: 7, loras: [])
        let body = try #require(JSONValue.parse(outgoing.body ?? []))
        #expect(body == .object(["prompt": .string("a fox"), "negative_prompt": .string(""), "seed": .int(7), "output_format": .string("png")]))
        #expect(outgoing.headers.contains { $0 == ("Authorization", "Bearer k1") })
        #expect(Catalog.bundled.resolve(GenerationRequest(
            provider: .sdcpp, model: "default", parts: [PromptPart("x")], settings: [.checkpoint: .text("sdxl")])).failure != nil,
            "sd-server cannot switch models per job")
    }

    @Test func jobRepliesDecode() {
        func job(_ text: String) -> SDCppJob? { SDCppWire.decodeJob(Array(text.utf8)) }
        #expect(job(#"{"id":"job_1","status":"queued","queue_position":2}"#) == .queued(ahead: 2))
        #expect(job(#"{"id":"job_1","status":"queued","queue_position":-5}"#) == .queued(ahead: 0))
        #expect(job(#"{"status":"generating","queue_position":0}"#) == .generating)
        #expect(job(#"{"status":"completed","result":{"output_format":"png","images":[{"index":0,"b64_json":"QUJD"}]}}"#)
            == .completed(images: ["QUJD"], format: "png"))
        #expect(job(#"{"status":"failed","error":{"code":"generation_failed","message":"out of\nmemory \u001b[31m"}}"#)
            == .failed(code: "generation_failed", message: "out of memory ␛[31m"))
        #expect(job(#"{"status":"cancelled","error":{"code":"cancelled","message":"job cancelled by client"}}"#)
            == .cancelled(message: "job cancelled by client"))
        #expect(job(#"{"status":"exploded"}"#) == nil)
        #expect(job("[1,2]") == nil && job("not json") == nil && job(#"{"status":7}"#) == nil)
        #expect(SDCppJob.queued(ahead: 2).progress.summary == "queued at the server (2 ahead)")
    }

    @Test func onlyPlainJobIDsAreTaken() {
        #expect(SDCppWire.decodeAccepted(Array(#"{"id":"job_18f_0000ab12","poll_url":"/x"}"#.utf8)) == "job_18f_0000ab12")
        for hostile in [#"{"id":"../../etc"}"#, #"{"id":"a b"}"#, #"{"id":""}"#, #"{"id":7}"#, #"{"id":"job\u202e1"}"#, "{}"] {
            #expect(SDCppWire.decodeAccepted(Array(hostile.utf8)) == nil, "\(hostile)")
        }
        #expect(SDCppWire.decodeAccepted(Array(("{\"id\":\"" + String(repeating: "a", count: 500) + "\"}").utf8)) == nil)
    }

    @Test func capabilitiesDecodeAndCheckTheRequest() throws {
        let body = #"""
            {"model":{"name":"sd15.safetensors"},"supported_modes":["img_gen"],"samplers":["euler","euler_a"],
             "schedulers":["discrete","karras"],"loras":[{"name":"detail","path":"detail.safetensors"},{"name":"x\u001b[2J","path":"x.gguf"}],
             "limits":{"min_width":64,"max_width":1024,"min_height":64,"max_height":1024,"max_batch_count":4}}
            """#
        let capabilities = try #require(SDCppWire.decodeCapabilities(Array(body.utf8)))
        #expect(capabilities.loras.map(\.name) == ["detail", "x␛[2J"])
        let good = try resolved(GenerationRequest(
            provider: .sdcpp, model: "default", parts: [PromptPart("a fox"), PromptPart("detail", weight: 0.7, kind: .lora)],
            settings: [.sampler: .text("euler")]))
        let checked = capabilities.check(good)
        #expect(checked.problems.isEmpty)
        #expect(checked.loras.map(\.path) == ["detail.safetensors"] && checked.loras.map(\.multiplier) == [0.7])
        let bad = try resolved(GenerationRequest(
            provider: .sdcpp, model: "default",
            parts: [PromptPart("a fox"), PromptPart("nope", weight: 0.7, kind: .lora), PromptPart("anime", kind: .hypernet)],
            settings: [.sampler: .text("dpm_fast"), .size: .text("2048x512"), .n: .text("6")]))
        let problems = capabilities.check(bad).problems.map(\.description)
        #expect(problems.count == 5, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("sampler: \"dpm_fast\" is not one of this sd-server's samplers: euler, euler_a") })
        #expect(problems.contains { $0.contains("no LoRA named \"nope\"") })
        #expect(problems.contains { $0.contains("no hypernetworks") })
        #expect(problems.contains { $0.hasPrefix("size: 2048x512: the width must be at most 1024") })
        #expect(problems.contains { $0.hasPrefix("n: 6 is over this sd-server's limit of 4") })
        let video = try #require(SDCppWire.decodeCapabilities(Array(#"{"supported_modes":["vid_gen"]}"#.utf8)))
        #expect(video.check(good).problems.first?.field == "model")
        #expect(SDCppWire.decodeCapabilities(Array("[]".utf8)) == nil)
    }

    @Test func errorLinesNameTheServerAndTheRoute() {
        let missing = SDCppWire.errorLine(status: 404, body: Array("Not Found".utf8), route: "POST /sdcpp/v1/img_gen", baseURL: "http://h:1")
        #expect(missing == "sd-server at http://h:1 has no native async API (HTTP 404 on POST /sdcpp/v1/img_gen); update sd-server, or use the compatible provider with its /v1/images/generations")
        let refused = SDCppWire.errorLine(
            status: 400, body: Array(#"{"error":"invalid json","message":"line 1\n\u001b[1mboom"}"#.utf8), route: "POST /sdcpp/v1/img_gen", baseURL: "http://h:1")
        #expect(refused == "sd-server at http://h:1 answered HTTP 400 to POST /sdcpp/v1/img_gen: invalid json — line 1 ␛[1mboom")
    }
}
