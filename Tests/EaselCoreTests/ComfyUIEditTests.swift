import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// ComfyUI edits and variations against the sandbox over real HTTP: the uploads' multipart
/// parts, the built-in image-to-image and inpaint graphs, pixel checks that the mask landed
/// where drawn, user workflows with LoadImage / LoadImageMask nodes, and refusals before
/// anything is sent.
@Suite("ComfyUI edits", .timeLimit(.minutes(2)))
struct ComfyUIEditTests {
    func request(_ operation: ImageOperation, _ settings: [SettingName: SettingValue] = [:], model: String = "txt2img", prompt: String? = "a stormy sky")
        throws -> ResolvedRequest
    {
        try Catalog.bundled.resolve(
            GenerationRequest(provider: .comfyUI, model: model, parts: prompt.map { [PromptPart($0)] } ?? [], settings: settings),
            operation: operation
        ).get()
    }

    func inputs(_ paths: [String], mask: String?, request: ResolvedRequest) throws -> (images: [InputImage], mask: InputImage?) {
        let rules = try #require(request.model.operation(request.operation)?.inputs)
        return try InputInspector.check(
            images: paths.map { InputSource(path: $0) }, mask: mask.map { InputSource(path: $0) }, rules: rules, model: request.model.id
        ).get()
    }


    @Test("a masked edit: image and mask uploaded, SetLatentNoiseMask below full denoise, only the masked area repainted")
    func maskedEdit() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let original = EditFixtures.halves(width: 96, height: 64)
        let area = (x: 8..<40, y: 16..<48)
        let image = try files.png("photo.png", original)
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 96, height: 64, transparent: area))
        let request = try request(.edit, [.seed: .text("5")])
        let checked = try inputs([image], mask: mask, request: request)
        let result = try await world.runner.runEdit(
            request, images: checked.images, mask: checked.mask, parent: 7, endpoint: world.endpoint(.comfyUI), stem: "edit") { _ in }
        #expect(result.operation == .edit && result.parent == 7 && result.mask?.sha256 == checked.mask?.sha256)
        let saved = try ImageDecoder.decode(fileAt: result.images[0].path).image
        try #require(saved.width == 96 && saved.height == 64, "the size is the input's")
        let counted = pixelChanges(saved, original, area: area)
        #expect(counted.outside == 0, "pixels outside the mask changed")
        #expect(counted.inside > 32 * 32 / 2, "the masked area was barely repainted")

        // The uploads: the picture, then the mask into its alpha.
        let state = world.sandbox.state
        let upload = try #require(await state.receivedRequests("comfyui-upload-image").last?.body)
        #expect(upload["_order"] == .array(["image", "type", "subfolder", "overwrite"].map(JSONValue.string)))
        let name = "easel-" + checked.images[0].sha256.prefix(16) + ".png"
        #expect(upload["image"]?.arrayValue?.first?["filename"] == .string(name))
        #expect(upload["image"]?.arrayValue?.first?["sha256"] == .string(checked.images[0].sha256))
        #expect(upload["type"] == .string("input") && upload["overwrite"] == .string("true"))
        let maskUpload = try #require(await state.receivedRequests("comfyui-upload-mask").last?.body)
        #expect(maskUpload["_order"] == .array(["image", "original_ref", "type", "subfolder", "overwrite"].map(JSONValue.string)))
        #expect(maskUpload["image"]?.arrayValue?.first?["sha256"] == .string(checked.mask?.sha256 ?? ""))
        let reference = try #require(maskUpload["original_ref"]?.stringValue.flatMap { JSONValue.parse(Array($0.utf8)) })
        #expect(reference["filename"] == .string(name) && reference["type"] == .string("input"))

        // The graph: LoadImage of the merged file → ImageScale → VAEEncode → SetLatentNoiseMask.
        let graph = try #require(await state.comfyUI.receivedPrompts.last?["prompt"])
        let load = try #require(graph["10"]?["inputs"]?["image"]?.stringValue)
        #expect(load.hasPrefix("easel-" + checked.images[0].sha256.prefix(16) + "-mask-"))
        #expect(graph["12"]?["class_type"] == .string("VAEEncode"))
        #expect(graph["13"]?["class_type"] == .string("SetLatentNoiseMask"))
        #expect(graph["13"]?["inputs"]?["mask"] == .array([.string("10"), .int(1)]))
        #expect(graph["3"]?["inputs"]?["denoise"]?.doubleValue == 0.75, "the edit's default denoise")
        #expect(graph["11"]?["inputs"]?["width"] == .int(96) && graph["11"]?["inputs"]?["height"] == .int(64))
        #expect(graph["6"]?["inputs"]?["text"] == .string("a stormy sky"))
        #expect(graph["5"] == nil, "no empty latent")
        let record = try #require(ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: result.images[0].path)))).easelRecord)
        #expect(record.operation == "edit" && record.inputs == [checked.images[0].sha256])
    }

    @Test("at full denoise the inpaint graph is VAEEncodeForInpaint; n makes a batch; --size scales the input")
    func fullDenoiseInpaint() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let original = EditFixtures.halves(width: 96, height: 64)
        let area = (x: 48..<96, y: 0..<32)
        let image = try files.png("photo.png", original)
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 96, height: 64, transparent: area))
        let request = try request(.edit, [.denoise: .text("1"), .n: .text("2"), .size: .text("192x128")])
        let checked = try inputs([image], mask: mask, request: request)
        let result = try await world.runner.runEdit(request, images: checked.images, mask: checked.mask, endpoint: world.endpoint(.comfyUI), stem: "e") { _ in }
        #expect(result.images.map { "\($0.width)x\($0.height)" } == ["192x128", "192x128"])
        let graph = try #require(await world.sandbox.state.comfyUI.receivedPrompts.last?["prompt"])
        #expect(graph["12"]?["class_type"] == .string("VAEEncodeForInpaint"))
        #expect(graph["12"]?["inputs"]?["grow_mask_by"] == .int(6))
        #expect(graph["13"] == nil)
        #expect(graph["14"]?["inputs"]?["amount"] == .int(2))
        // At twice the size the mask still covers the top right quarter only.
        let saved = try ImageDecoder.decode(fileAt: result.images[0].path).image
        let bigger = original.resized(width: 192, height: 128)
        let counted = pixelChanges(saved, bigger, area: (x: 96..<192, y: 0..<64))
        #expect(counted.inside > 96 * 64 / 2)
        #expect(counted.outside == 0)
    }

    @Test("a variation: one image, no mask, denoise 0.6, an optional prompt; the picture is recognisably the input's")
    func variation() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let original = EditFixtures.halves(width: 64, height: 64)
        let image = try files.png("tile.png", original)
        let request = try request(.variation, prompt: nil)
        let checked = try inputs([image], mask: nil, request: request)
        let result = try await world.runner.runEdit(request, images: checked.images, mask: nil, endpoint: world.endpoint(.comfyUI), stem: "v") { _ in }
        #expect(result.operation == .variation)
        let graph = try #require(await world.sandbox.state.comfyUI.receivedPrompts.last?["prompt"])
        #expect(graph["3"]?["inputs"]?["denoise"]?.doubleValue == 0.6)
        #expect(graph["13"] == nil && graph["12"]?["class_type"] == .string("VAEEncode"))
        #expect(await world.sandbox.state.count("comfyui-upload-mask") == 0)
        let saved = try ImageDecoder.decode(fileAt: result.images[0].path).image
        // Half the input blended in: the left stays redder than the right.
        let left = saved.pixels[(32 * 64 + 4) * 4]
        let right = saved.pixels[(32 * 64 + 60) * 4]
        #expect(Int(left) > Int(right))
        // With a prompt it is steered by it.
        let steered = try self.request(.variation, prompt: "in autumn colours")
        _ = try await world.runner.runEdit(steered, images: checked.images, mask: nil, endpoint: world.endpoint(.comfyUI), stem: "v2") { _ in }
        let second = try #require(await world.sandbox.state.comfyUI.receivedPrompts.last?["prompt"])
        #expect(second["6"]?["inputs"]?["text"] == .string("in autumn colours"))
    }

    @Test("a saved workflow's LoadImage and LoadImageMask get the uploads, the mask channel set to alpha")
    func userWorkflow() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let folder = world.directory.appendingPathComponent("workflows")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workflow = #"""
            {"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd15-sandbox.safetensors"}},
             "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["1", 1]}},
             "3": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["1", 1]}},
             "4": {"class_type": "LoadImage", "inputs": {"image": "example.png"}},
             "5": {"class_type": "LoadImageMask", "inputs": {"image": "example.png", "channel": "red"}},
             "6": {"class_type": "VAEEncode", "inputs": {"pixels": ["4", 0], "vae": ["1", 2]}},
             "7": {"class_type": "SetLatentNoiseMask", "inputs": {"samples": ["6", 0], "mask": ["5", 0]}},
             "8": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 4, "cfg": 7, "sampler_name": "euler", "scheduler": "normal",
                   "denoise": 0.5, "model": ["1", 0], "positive": ["2", 0], "negative": ["3", 0], "latent_image": ["7", 0]}},
             "9": {"class_type": "VAEDecode", "inputs": {"samples": ["8", 0], "vae": ["1", 2]}},
             "10": {"class_type": "SaveImage", "inputs": {"filename_prefix": "x", "images": ["9", 0]}}}
            """#
        try Data(workflow.utf8).write(to: folder.appendingPathComponent("inpaint.json"))
        let original = EditFixtures.halves(width: 64, height: 64)
        let area = (x: 0..<64, y: 40..<64)
        let image = try files.png("photo.png", original)
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 64, height: 64, transparent: area))
        let request = try request(.edit, model: "inpaint")
        let checked = try inputs([image], mask: mask, request: request)
        let result = try await world.runner.runEdit(request, images: checked.images, mask: checked.mask, endpoint: world.endpoint(.comfyUI), stem: "w") { _ in }
        let graph = try #require(await world.sandbox.state.comfyUI.receivedPrompts.last?["prompt"])
        #expect(graph["4"]?["inputs"]?["image"] == .string("easel-" + checked.images[0].sha256.prefix(16) + ".png"))
        #expect(graph["5"]?["inputs"]?["image"] == .string("easel-" + (checked.mask?.sha256.prefix(16) ?? "") + ".png"))
        #expect(graph["5"]?["inputs"]?["channel"] == .string("alpha"))
        #expect(graph["8"]?["inputs"]?["denoise"]?.doubleValue == 0.5, "the workflow's own denoise, since none was given")
        #expect(await world.sandbox.state.count("comfyui-upload-mask") == 0, "a mask loaded apart is uploaded as a file")
        let saved = try ImageDecoder.decode(fileAt: result.images[0].path).image
        let counted = pixelChanges(saved, original, area: area)
        #expect(counted.outside == 0 && counted.inside > 64 * 24 / 2)
    }

    @Test("refused before anything is sent: a workflow without LoadImage, a mask it cannot take, too many images")
    func refusals() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let folder = world.directory.appendingPathComponent("workflows")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let textOnly = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/comfyui/sd15-default.json"))
        try textOnly.write(to: folder.appendingPathComponent("plain.json"))
        let image = try files.png("photo.png", EditFixtures.halves(width: 64, height: 64))
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 64, height: 64, transparent: (x: 0..<8, y: 0..<8)))
        func refusal(_ request: ResolvedRequest, images: [String], mask: String?) async throws -> String {
            let checked = try inputs(images, mask: mask, request: request)
            do {
                _ = try await world.runner.runEdit(request, images: checked.images, mask: checked.mask, endpoint: world.endpoint(.comfyUI), stem: "r") { _ in }
                return "sent"
            } catch {
                return error.description
            }
        }
        let plain = try await refusal(try request(.edit, model: "plain"), images: [image], mask: nil)
        #expect(plain.contains("workflow plain has no image input (a LoadImage node)") && plain.contains("nothing was sent"), "\(plain)")
        #expect(!plain.contains("\n"))
        let two = try await refusal(try request(.edit), images: [image, image], mask: nil)
        #expect(two.contains("the built-in image-to-image workflow takes 1 image, and 2 were given"), "\(two)")
        let state = world.sandbox.state
        let uploads = await state.count("comfyui-upload-image")
        let prompts = await state.count("comfyui-prompt")
        #expect(uploads == 0 && prompts == 0)
        // A mask of the wrong size is the inspector's refusal, before the runner.
        let small = try files.png("small.png", rgba: EditFixtures.mask(width: 32, height: 32, transparent: (x: 0..<8, y: 0..<8)))
        let rules = try #require(try request(.edit).model.operation(.edit)?.inputs)
        guard case .failure(let problems) = InputInspector.check(
            images: [InputSource(path: image)], mask: InputSource(path: small), rules: rules, model: "txt2img")
        else { Issue.record("a 32×32 mask over a 64×64 picture was taken"); return }
        #expect(problems.problems.map(\.description).joined().contains("the mask is 32×32 but the first image is 64×64"))
        _ = mask
    }

    @Test("the sandbox refuses uploads as ComfyUI would: no image part, undecodable bytes, a mask of another size")
    func sandboxUploadChecks() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let base = try #require(world.sandbox.baseURL(for: .comfyUI))
        func post(_ path: String, _ build: (inout MultipartBuilder) throws -> Void) async throws -> Int {
            var form = MultipartBuilder()
            try build(&form)
            var outgoing = OutgoingRequest(method: "POST", url: base + "/" + path, headers: [("Content-Type", form.contentType)], timeout: .seconds(30))
            outgoing.streamedBody = form.body()
            return try await world.transport.send(outgoing, maxBodyBytes: 1 << 20).status
        }
        let picture = try files.png("p.png", EditFixtures.halves(width: 64, height: 64))
        let text = try files.write("t.png", Array("not a picture".utf8))
        let small = try files.png("m.png", rgba: EditFixtures.mask(width: 32, height: 32, transparent: (x: 0..<8, y: 0..<8)))
        func size(_ path: String) throws -> Int { try Data(contentsOf: URL(fileURLWithPath: path)).count }
        #expect(try await post("upload/image") { $0.field("type", "input") } == 400)
        #expect(try await post("upload/image") { $0.file("image", filename: "t.png", contentType: "image/png", path: text, length: try size(text)) } == 400)
        #expect(try await post("upload/image") { $0.file("picture", filename: "p.png", contentType: "image/png", path: picture, length: try size(picture)) } == 400)
        #expect(try await post("upload/image") { $0.file("image", filename: "p.png", contentType: "image/png", path: picture, length: try size(picture)) } == 200)
        #expect(try await post("upload/mask") {
            $0.file("image", filename: "m.png", contentType: "image/png", path: small, length: try size(small))
            $0.field("original_ref", #"{"filename": "p.png", "type": "input"}"#)
        } == 400)
    }
}
