import EaselCore
import EaselImage
import Foundation
import Testing

/// ComfyUI's replies and WebSocket messages, decoded from hostile bytes as well as good ones.
@Suite("ComfyUI wire")
struct ComfyUIWireTests {
    let graph = ComfyUITextToImage.graph

    @Test("node_errors become one line naming the node by class and title, and the input at fault")
    func nodeErrorLine() {
        let body = #"""
            {"error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation", "details": "", "extra_info": {}},
             "node_errors": {"4": {"errors": [{"type": "value_not_in_list", "message": "Value not in list",
                "details": "ckpt_name: 'nope.safetensors' not in ['a.safetensors']", "extra_info": {"input_name": "ckpt_name"}}],
                "dependent_outputs": ["9"], "class_type": "CheckpointLoaderSimple"},
               "3": {"errors": [{"message": "Value not in list", "details": "sampler_name: 'x'\n\u001b[31m", "extra_info": {"input_name": "sampler_name"}}], "class_type": "KSampler"}}}
            """#
        let line = ComfyUIWire.errorLine(status: 400, body: Array(body.utf8), graph: graph)
        #expect(line == "KSampler (node 3), input sampler_name: Value not in list: sampler_name: 'x' ␛[31m (and 1 more node)")
        let one = #"{"error": {"type": "x", "message": "m"}, "node_errors": {"4": {"errors": [{"message": "Value not in list", "details": "ckpt_name: 'n' not in []", "extra_info": {"input_name": "ckpt_name"}}], "class_type": "CheckpointLoaderSimple"}}}"#
        #expect(ComfyUIWire.errorLine(status: 400, body: Array(one.utf8), graph: graph)
            == "CheckpointLoaderSimple “Load Checkpoint” (node 4), input ckpt_name: Value not in list: ckpt_name: 'n' not in []")
    }

    @Test("a missing node type, a bare error and a non-JSON body each give one line")
    func otherErrorLines() {
        let missing = #"{"error": {"type": "missing_node_type", "message": "Node 'Foo' not found. The custom node may not be installed.", "details": "Node ID '#7'", "extra_info": {"node_id": "7", "class_type": "Foo"}}, "node_errors": {}}"#
        #expect(ComfyUIWire.errorLine(status: 400, body: Array(missing.utf8), graph: graph)
            == "CLIPTextEncode “CLIP Text Encode (Negative)” (node 7): Node 'Foo' not found. The custom node may not be installed.: Node ID '#7'")
        #expect(ComfyUIWire.errorLine(status: 400, body: Array(#"{"error": "no prompt", "node_errors": []}"#.utf8), graph: graph) == "no prompt")
        #expect(ComfyUIWire.errorLine(status: 500, body: Array("Internal\nServer Error".utf8), graph: graph) == "Internal Server Error")
        #expect(ComfyUIWire.errorLine(status: 502, body: [], graph: graph) == "HTTP 502")
    }

    @Test("the /view URL encodes every parameter, so & and = in a file name stay in it")
    func viewURL() {
        let url = ComfyUIWire.viewURL(baseURL: "http://h:8188/", image: .init(filename: "a&b=c d.png", subfolder: "x/y", type: "output"))
        #expect(url == "http://h:8188/view?filename=a%26b%3Dc%20d.png&subfolder=x%2Fy&type=output")
        #expect(ComfyUIWire.socketURL(baseURL: "https://h/comfy", clientID: "id-1") == "wss://h/comfy/ws?clientId=id-1")
    }

    @Test("history, queue and object_info replies")
    func replies() throws {
        let history = #"""
            {"p1": {"prompt": [3, "p1", {"3": {"class_type": "KSampler", "inputs": {"seed": 5}}}, {"client_id": "c1"}, ["9"]],
            "outputs": {"12": {"images": [{"filename": "t.png", "subfolder": "", "type": "temp"}]}, "9": {"images": [{"filename": "a.png", "subfolder": "s", "type": "output"}]}},
            "status": {"status_str": "success", "completed": true, "messages": []}}}
            """#
        guard case .finished(let images, let ran)? = ComfyUIWire.historyStatus(Array(history.utf8), promptID: "p1") else {
            Issue.record("not finished")
            return
        }
        #expect(images == [.init(filename: "a.png", subfolder: "s", type: "output")])
        #expect(ran?.input("3", "seed") == .int(5))
        #expect(ComfyUIWire.historyStatus(Array("{}".utf8), promptID: "p1") == .absent)
        #expect(ComfyUIWire.historyPrompt(Array(history.utf8), clientID: "c1") == "p1")
        let failed = #"{"p1": {"outputs": {}, "status": {"status_str": "error", "completed": false, "messages": [["execution_error", {"node_id": "3", "node_type": "KSampler", "exception_message": "CUDA out of memory"}]]}}}"#
        #expect(ComfyUIWire.historyStatus(Array(failed.utf8), promptID: "p1") == .failed("KSampler (node 3) failed: CUDA out of memory"))
        let queue = #"{"queue_running": [[1, "r", {}, {}, []]], "queue_pending": [[5, "mine", {}, {"client_id": "c"}, []], [3, "other", {}, {}, []], [9, "later", {}, {}, []]]}"#
        #expect(ComfyUIWire.queueStatus(Array(queue.utf8), promptID: "mine")?.status == .pending(ahead: 2))
        #expect(ComfyUIWire.queueStatus(Array(queue.utf8), promptID: "r")?.status == .running)
        #expect(ComfyUIWire.queueStatus(Array(queue.utf8), promptID: "x", clientID: "c")?.promptID == "mine")
        #expect(ComfyUIWire.queueStatus(Array(queue.utf8), promptID: "gone")?.status == .absent)
        let info = #"{"CheckpointLoaderSimple": {"input": {"required": {"ckpt_name": [["first.safetensors", "second.safetensors"], {}]}}}}"#
        #expect(ComfyUIWire.firstCheckpoint(Array(info.utf8)) == "first.safetensors")
        let newer = #"{"CheckpointLoaderSimple": {"input": {"required": {"ckpt_name": ["COMBO", {"options": ["n.safetensors"]}]}}}}"#
        #expect(ComfyUIWire.firstCheckpoint(Array(newer.utf8)) == "n.safetensors")
        #expect(ComfyUIWire.firstCheckpoint(Array(#"{"CheckpointLoaderSimple": {"input": {"required": {"ckpt_name": [[], {}]}}}}"#.utf8)) == nil)
        #expect(ComfyUIWire.decodeQueued(Array(#"{"prompt_id": "a/b", "number": 1}"#.utf8)) == nil, "an id that would change the URL")
    }

    @Test("WebSocket text messages decode; unknown or broken ones do not stop anything")
    func textMessages() {
        #expect(ComfyUIEvent.decode(text: #"{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 3}}, "sid": "x"}}"#) == .status(queueRemaining: 3))
        #expect(ComfyUIEvent.decode(text: #"{"type": "progress", "data": {"value": 4, "max": 20, "prompt_id": "p", "node": "3"}}"#)
            == .progress(promptID: "p", node: "3", value: 4, max: 20))
        #expect(ComfyUIEvent.decode(text: #"{"type": "progress", "data": {"value": 40, "max": 20, "prompt_id": "p"}}"#)
            == .progress(promptID: "p", node: nil, value: 20, max: 20))
        #expect(ComfyUIEvent.decode(text: #"{"type": "progress", "data": {"value": 1, "max": 0}}"#) == .ignored)
        #expect(ComfyUIEvent.decode(text: #"{"type": "executing", "data": {"node": null, "prompt_id": "p"}}"#) == .executing(promptID: "p", node: nil))
        #expect(ComfyUIEvent.decode(text: #"{"type": "execution_error", "data": {"prompt_id": "p", "node_id": "3", "node_type": "KSampler", "exception_message": "bad\n\u001b]0;x\u0007"}}"#)
            == .failed(promptID: "p", line: "KSampler (node 3) failed: bad ␛]0;x␇"))
        #expect(ComfyUIEvent.decode(text: #"{"type": "crystools.monitor", "data": {}}"#) == .ignored)
        #expect(ComfyUIEvent.decode(text: "not json") == nil)
        #expect(ComfyUIEvent.decode(text: String(repeating: "[", count: ComfyUIEvent.maxTextBytes + 1)) == nil)
    }

    @Test("binary preview frames: JPEG and PNG by their type word, with metadata; mismatched, huge or garbage frames are dropped")
    func binaryFrames() throws {
        let picture = ImagePainter.paint(prompt: "p", seed: 1, width: 16, height: 16)
        let jpeg = try JPEGEncoder.encode(picture, quality: 80)
        let png = try PNGEncoder.encode(picture)
        #expect(ComfyUIEvent.decode(binary: [0, 0, 0, 1, 0, 0, 0, 1] + jpeg) == .preview(promptID: nil, format: .jpeg, bytes: jpeg))
        #expect(ComfyUIEvent.decode(binary: [0, 0, 0, 1, 0, 0, 0, 2] + png) == .preview(promptID: nil, format: .png, bytes: png))
        #expect(ComfyUIEvent.decode(binary: [0, 0, 0, 1, 0, 0, 0, 2] + jpeg) == nil, "declared PNG, is JPEG")
        let metadata = Array(#"{"prompt_id": "p9", "node_id": "3", "image_type": "image/png"}"#.utf8)
        let length = UInt32(metadata.count)
        let framed: [UInt8] = [0, 0, 0, 4] + [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + metadata + png
        #expect(ComfyUIEvent.decode(binary: framed) == .preview(promptID: "p9", format: .png, bytes: png))
        #expect(ComfyUIEvent.decode(binary: [0, 0, 0, 4, 0x7F, 0xFF, 0xFF, 0xFF] + png) == nil, "a metadata length past the frame")
        #expect(ComfyUIEvent.decode(binary: [0, 0, 0, 1, 0, 0, 0, 1] + [UInt8](repeating: 0xFF, count: ComfyUIEvent.maxPreviewBytes + 128 << 10)) == nil)
        #expect(ComfyUIEvent.decode(binary: [0, 0, 0, 1, 0, 0, 0, 1] + [1, 2, 3, 4, 5]) == nil)
        #expect(ComfyUIEvent.decode(binary: [0, 0, 0, 3, 0, 0, 0, 1]) == nil)
        #expect(ComfyUIEvent.decode(binary: [1, 2]) == nil)
    }

    @Test("the watch follows only its own prompt: others' progress, previews and ends change nothing")
    func watch() {
        var watch = ComfyUIPromptWatch(promptID: "mine", graph: graph)
        #expect(watch.take(.status(queueRemaining: 3)) == .progress(ServerProgress(queuePosition: 2, note: "queued at the server")))
        #expect(watch.take(.progress(promptID: "theirs", node: "3", value: 5, max: 20)) == .nothing)
        #expect(watch.take(.preview(promptID: nil, format: .png, bytes: [1])) == .nothing, "not running yet: someone else's preview")
        #expect(watch.take(.executing(promptID: "theirs", node: nil)) == .nothing)
        #expect(watch.take(.success(promptID: "theirs")) == .nothing)
        #expect(watch.take(.executionStart(promptID: "mine")) == .progress(ServerProgress(queuePosition: 0, note: "started")))
        #expect(watch.take(.executing(promptID: "mine", node: "3")) == .progress(ServerProgress(queuePosition: 0, note: "KSampler")))
        #expect(watch.take(.progress(promptID: "mine", node: "3", value: 4, max: 20))
            == .progress(ServerProgress(step: 4, steps: 20, queuePosition: 0, note: "KSampler")))
        #expect(watch.take(.preview(promptID: nil, format: .png, bytes: [1])) == .preview(.png, [1]))
        #expect(watch.take(.preview(promptID: "theirs", format: .png, bytes: [2])) == .nothing)
        #expect(watch.take(.failed(promptID: "theirs", line: "x")) == .nothing)
        #expect(watch.take(.executing(promptID: "mine", node: nil)) == .finished)
        var failing = ComfyUIPromptWatch(promptID: "mine", graph: graph)
        #expect(failing.take(.failed(promptID: "mine", line: "KSampler (node 3) failed: x")) == .failed("KSampler (node 3) failed: x"))
        #expect(failing.take(.interrupted(promptID: "mine")) == .interrupted)
    }
}
