import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// The sandbox speaking ComfyUI (wire notes §6.3): prompt validation in ComfyUI's error shapes,
/// the queue, history and view, object_info, image upload, and the other routes still answering
/// beside the WebSocket upgrade.
@Suite(.timeLimit(.minutes(1)))
struct SandboxComfyUITests {
    let transport = AsyncHTTPTransport.sharedForTests

    func send(_ method: String, _ url: String, _ body: [UInt8]? = nil, type: String = "application/json") async throws -> IncomingResponse {
        try await transport.send(
            OutgoingRequest(method: method, url: url, headers: [("Content-Type", type)], body: body), maxBodyBytes: 1 << 24)
    }

    func prompt(_ sandbox: SandboxServer, _ graph: String) async throws -> (Int, JSONValue?) {
        let reply = try await send("POST", sandbox.comfyUIBaseURL + "/prompt", Array(#"{"client_id": "c", "prompt": \#(graph)}"#.utf8))
        return (reply.status, JSONValue.parse(reply.body))
    }

    @Test func invalidGraphsAreRefusedInComfyUIsShapes() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        defer { Task { await sandbox.stop() } }
        let (status, missing) = try await prompt(sandbox, #"{"1": {"class_type": "ImpactWildcard", "inputs": {}}, "2": {"class_type": "SaveImage", "inputs": {}}}"#)
        #expect(status == 400 && missing?["error"]?["type"] == .string("missing_node_type"))
        #expect(missing?["error"]?["extra_info"]?["node_id"] == .string("1"))
        let (_, noClass) = try await prompt(sandbox, #"{"1": {"inputs": {}}}"#)
        #expect(noClass?["error"]?["type"] == .string("invalid_prompt"))
        let (_, noOutput) = try await prompt(sandbox, #"{"1": {"class_type": "VAEDecode", "inputs": {}}}"#)
        #expect(noOutput?["error"]?["type"] == .string("prompt_no_outputs"))
        let (_, link) = try await prompt(sandbox, #"{"9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0]}}}"#)
        #expect(link?["error"]?["type"] == .string("prompt_outputs_failed_validation"))
        #expect(link?["node_errors"]?["9"]?["errors"]?.arrayValue?.first?["extra_info"]?["input_name"] == .string("images"))
        #expect(link?["node_errors"]?["9"]?["class_type"] == .string("SaveImage"))
        let (_, none) = try await prompt(sandbox, "null")
        #expect(none?["error"] != nil)
        #expect(try await send("GET", sandbox.comfyUIBaseURL + "/history").body == Array("{}".utf8), "nothing was queued")
    }

    @Test func aQueuedPromptRunsAndItsImagesAreServed() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        defer { Task { await sandbox.stop() } }
        var graph = ComfyUITextToImage.graph
        graph.set("4", "ckpt_name", .string("sd15-sandbox.safetensors"))
        graph.set("6", "text", .string("a kite"))
        graph.set("5", "width", .int(40))
        graph.set("5", "height", .int(24))
        let (status, queued) = try await prompt(sandbox, graph.json.jsonText)
        #expect(status == 200)
        let id = try #require(queued?["prompt_id"]?.stringValue)
        var images: [ComfyUIWire.OutputImage] = []
        for _ in 0..<100 {
            let history = try await send("GET", sandbox.comfyUIBaseURL + "/history/\(id)")
            if case .finished(let found, _)? = ComfyUIWire.historyStatus(history.body, promptID: id) {
                images = found
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let image = try #require(images.first)
        let view = try await send("GET", ComfyUIWire.viewURL(baseURL: sandbox.comfyUIBaseURL, image: image))
        let metadata = try ImageMetadataReader.read(view.body)
        #expect(metadata.width == 40 && metadata.height == 24)
        #expect(metadata.text(for: "prompt").flatMap { JSONValue.parse(Array($0.utf8)) }?["6"]?["inputs"]?["text"] == .string("a kite"))
        #expect(try await send("GET", sandbox.comfyUIBaseURL + "/view?filename=nope.png&type=output").status == 404)
        let queue = try #require(JSONValue.parse(try await send("GET", sandbox.comfyUIBaseURL + "/queue").body))
        #expect(queue["queue_pending"] == .array([]) && queue["queue_running"] == .array([]))
        // The other providers' routes still answer beside the WebSocket upgrade.
        #expect(try await send("GET", sandbox.origin + "/storage/none").status == 404)
    }

    @Test func objectInfoListsCheckpointsAndUploadsAreStored() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        defer { Task { await sandbox.stop() } }
        let info = try await send("GET", sandbox.comfyUIBaseURL + "/object_info/CheckpointLoaderSimple")
        #expect(ComfyUIWire.firstCheckpoint(info.body) == "sd15-sandbox.safetensors")
        let all = try #require(JSONValue.parse(try await send("GET", sandbox.comfyUIBaseURL + "/object_info").body))
        #expect(all["KSampler"]?["input"]?["required"]?["sampler_name"]?.arrayValue?.first?.arrayValue?.contains(.string("euler")) == true)
        let png = try PNGEncoder.encode(ImagePainter.paint(prompt: "up", seed: 1, width: 8, height: 8))
        let boundary = "easel-boundary"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"../in put.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
        body += png
        body += Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"subfolder\"\r\n\r\nrefs\r\n--\(boundary)--\r\n".utf8)
        let upload = try await send("POST", sandbox.comfyUIBaseURL + "/upload/image", body, type: "multipart/form-data; boundary=\(boundary)")
        let stored = try #require(JSONValue.parse(upload.body))
        #expect(stored == .object(["name": .string("input.png"), "subfolder": .string("refs"), "type": .string("input")]))
        let back = try await send("GET", sandbox.comfyUIBaseURL + "/view?filename=input.png&subfolder=refs&type=input")
        #expect(back.body == png)
    }
}
