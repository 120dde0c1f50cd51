import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// Edits and variations end to end against the sandbox over HTTP, with pixel checks: where the
/// mask is transparent the picture changed, where it is opaque it did not.
@Suite(.timeLimit(.minutes(2)))
struct EditFlowTests {
    /// Checks inputs as the CLI does and returns them.
    func inputs(_ paths: [String], mask: String?, request: ResolvedRequest) throws -> (images: [InputImage], mask: InputImage?) {
        let rules = try #require(request.model.operation(request.operation)?.inputs)
        return try InputInspector.check(
            images: paths.map { InputSource(path: $0) }, mask: mask.map { InputSource(path: $0) }, rules: rules, model: request.model.id
        ).get()
    }

    func decode(_ path: String) throws -> RGBAImage { try ImageDecoder.decode(fileAt: path).image }


    @Test(arguments: [ProviderID.openAI, .azure, .compatible])
    func aMaskedEditRepaintsOnlyTheTransparentArea(provider: ProviderID) async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let original = EditFixtures.halves(width: 64, height: 48)
        let area = (x: 8..<40, y: 16..<40)
        let image = try files.png("photo.png", original)
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 64, height: 48, transparent: area))
        let model = provider == .openAI ? "gpt-image-1.5" : provider == .azure ? "gpt-image-1" : "default"
        var settings: [SettingName: SettingValue] = [:]
        if provider == .azure { settings[.size] = .text("1024x1024") }
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: provider, model: model, parts: [PromptPart("a stormy sky")], settings: settings), operation: .edit).get()
        let checked = try inputs([image], mask: mask, request: request)
        let endpoint = world.endpoint(provider, apiVersion: provider == .azure ? "2025-04-01-preview" : nil)
        let result = try await world.runner.runEdit(
            request, images: checked.images, mask: checked.mask, endpoint: endpoint, stem: "edit") { _ in }
        #expect(result.operation == .edit)
        #expect(result.inputs?.count == 1)
        #expect(result.mask?.sha256 == checked.mask?.sha256)
        let saved = try decode(result.images[0].path)
        if provider == .azure {
            // Azure was asked for 1024×1024: the mask is followed at that size.
            #expect(saved.width == 1024)
        } else {
            try #require(saved.width == 64 && saved.height == 48)
            let counted = pixelChanges(saved, original, area: area)
            #expect(counted.outside == 0, "opaque mask area changed")
            #expect(counted.inside > (32 * 24) / 2, "transparent mask area barely changed")
        }
        // What arrived: the image and mask parts with the bytes sent.
        let route = provider == .openAI ? "openai-edit" : provider == .azure ? "azure-edit" : "compatible-edit"
        let received = try #require(await world.sandbox.state.receivedRequests(route).last)
        #expect(received.header("content-type")?.hasPrefix("multipart/form-data; boundary=easel-") == true)
        #expect(received.body?["image[]"]?.arrayValue?.first?["sha256"]?.stringValue == checked.images[0].sha256)
        #expect(received.body?["mask"]?.arrayValue?.first?["content_type"]?.stringValue == "image/png")
        #expect(received.body?["prompt"]?.stringValue == "a stormy sky")
        if provider == .azure { #expect(received.path == "/openai/deployments/gpt-image-1/images/edits") }
        // The saved file records its inputs and mask.
        let record = try #require(ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: result.images[0].path)))).easelRecord)
        #expect(record.operation == "edit")
        #expect(record.inputs == [checked.images[0].sha256])
        #expect(record.mask == checked.mask?.sha256)
    }

    @Test func azureV1EditsNameTheDeploymentAsTheModel() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("p.png", EditFixtures.halves(width: 32, height: 32))
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .azure, model: "gpt-image-1-mini", parts: [PromptPart("a hat")], settings: [.size: .text("1024x1024")]),
            operation: .edit).get()
        let checked = try inputs([image], mask: nil, request: request)
        let result = try await world.runner.runEdit(
            request, images: checked.images, mask: nil, endpoint: world.endpoint(.azure), stem: "az") { _ in }
        #expect(result.images.count == 1)
        let received = try #require(await world.sandbox.state.receivedRequests("azure-edit").last)
        #expect(received.path == "/openai/v1/images/edits")
        #expect(received.body?["model"]?.stringValue == "gpt-image-1-mini")
        #expect(received.header("api-key") == world.token)
    }

    @Test func anEditWithoutAMaskKeepsARecognisableRelation() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let original = EditFixtures.halves(width: 32, height: 32, left: (250, 0, 0), right: (0, 0, 250))
        let image = try files.png("p.png", original)
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("green")], settings: [
                .size: .text("256x256"), .responseFormat: .text("b64_json"),
            ]), operation: .edit).get()
        let checked = try inputs([image], mask: nil, request: request)
        let result = try await world.runner.runEdit(request, images: checked.images, mask: nil, endpoint: world.endpoint(.openAI), stem: "e") { _ in }
        let saved = try decode(result.images[0].path)
        #expect(saved.width == 256)
        // Blended half and half: the left stays redder than the right, the right bluer.
        let left = (128 * 256 + 10) * 4
        let right = (128 * 256 + 245) * 4
        #expect(saved.pixels[left] > saved.pixels[right])
        #expect(saved.pixels[right + 2] > saved.pixels[left + 2])
        #expect(saved.pixels[left] != 250 || saved.pixels[left + 1] != 0)
    }

    @Test func aVariationKeepsTheInputsPalette() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("tile.png", EditFixtures.halves(width: 32, height: 32, left: (10, 200, 10), right: (240, 240, 0)))
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [], settings: [.n: .text("2"), .size: .text("256x256")]),
            operation: .variation).get()
        let checked = try inputs([image], mask: nil, request: request)
        let result = try await world.runner.runEdit(request, images: checked.images, mask: nil, endpoint: world.endpoint(.openAI), stem: "v") { _ in }
        #expect(result.images.count == 2)
        for saved in result.images {
            let picture = try decode(saved.path)
            var colours = Set<[UInt8]>()
            for index in stride(from: 0, to: picture.pixels.count, by: 4) { colours.insert(Array(picture.pixels[index..<(index + 3)])) }
            #expect(colours.isSubset(of: [[10, 200, 10], [240, 240, 0]]))
        }
        let received = try #require(await world.sandbox.state.receivedRequests("openai-variation").last)
        #expect(received.body?["image"]?.arrayValue?.count == 1)
        #expect(received.body?["prompt"] == nil)
    }

    @Test func aStreamedEditReportsPartialsFromImageEditEvents() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("p.png", EditFixtures.halves(width: 64, height: 64))
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .openAI, model: "gpt-image-1.5", parts: [PromptPart("moon")], settings: [
                .stream: .boolean(true), .partialImages: .integer(2),
            ]), operation: .edit).get()
        let checked = try inputs([image], mask: nil, request: request)
        let updates = OpenAIStreamFlowTests.Updates()
        let result = try await world.runner.runEdit(
            request, images: checked.images, mask: nil, endpoint: world.endpoint(.openAI), stem: "s") { updates.add($0) }
        #expect(updates.partials.count == 2)
        let types = await world.sandbox.state.streamedEvents().map(\.type)
        #expect(types == ["image_edit.partial_image", "image_edit.partial_image", "image_edit.completed"])
        #expect(result.images.count == 1)
        #expect(try decode(result.images[0].path).width == 64)
        let received = try #require(await world.sandbox.state.receivedRequests("openai-edit").last)
        #expect(received.header("accept") == "text/event-stream")
        #expect(received.body?["stream"]?.stringValue == "true")
    }

    @Test func theSandboxRefusesWhatTheRealServiceWould() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let png = try PNGEncoder.encode(EditFixtures.halves(width: 40, height: 20))
        let square = try PNGEncoder.encode(EditFixtures.halves(width: 20, height: 20))
        let opaqueMask = square
        func send(_ path: String, _ build: (inout MultipartBuilder, EditFixtures) throws -> Void) async throws -> (Int, String) {
            let files = try EditFixtures()
            defer { files.remove() }
            var form = MultipartBuilder()
            try build(&form, files)
            var outgoing = OutgoingRequest(
                method: "POST", url: world.sandbox.openAIBaseURL + path,
                headers: [("Content-Type", form.contentType), ("Authorization", "Bearer " + world.token)])
            outgoing.streamedBody = form.body()
            let reply = try await world.transport.send(outgoing, maxBodyBytes: 1 << 20)
            return (reply.status, OpenAIImagesWire.errorLine(status: reply.status, body: reply.body))
        }
        func file(_ form: inout MultipartBuilder, _ files: EditFixtures, _ name: String, _ bytes: [UInt8], filename: String = "a.png") throws {
            let path = try files.write(UUID().uuidString, bytes)
            form.file(name, filename: filename, contentType: "image/png", path: path, length: bytes.count)
        }
        let unknown = try await send("/images/edits") { form, files in
            form.field("prompt", "x")
            form.field("style", "vivid")
            try file(&form, files, "image[]", square)
        }
        #expect(unknown.0 == 400 && unknown.1.contains("Unrecognized request argument supplied: style"))
        let notSquare = try await send("/images/variations") { form, files in try file(&form, files, "image", png) }
        #expect(notSquare.0 == 400 && notSquare.1.contains("must be square"))
        let noAlpha = try await send("/images/edits") { form, files in
            form.field("prompt", "x")
            try file(&form, files, "image[]", square)
            try file(&form, files, "mask", opaqueMask)
        }
        #expect(noAlpha.0 == 400 && noAlpha.1.contains("alpha channel"))
        let wrongName = try await send("/images/edits") { form, files in
            form.field("prompt", "x")
            try file(&form, files, "images", square)
        }
        #expect(wrongName.0 == 400 && wrongName.1.contains("Unrecognized request argument supplied: images"))
        let jpeg = try JPEGEncoder.encode(EditFixtures.halves(width: 20, height: 20), quality: 80)
        let dalleJPEG = try await send("/images/edits") { form, files in
            form.field("model", "dall-e-2")
            form.field("prompt", "x")
            try file(&form, files, "image", jpeg)
        }
        #expect(dalleJPEG.0 == 400 && dalleJPEG.1.contains("unsupported format"))
        let gptVariation = try await send("/images/variations") { form, files in
            form.field("model", "gpt-image-1.5")
            try file(&form, files, "image", square)
        }
        #expect(gptVariation.0 == 400 && gptVariation.1.contains("does not support image variations"))
        let json = try await world.transport.send(
            OutgoingRequest(method: "POST", url: world.sandbox.openAIBaseURL + "/images/edits",
                headers: [("Content-Type", "application/json"), ("Authorization", "Bearer " + world.token)], body: Array("{}".utf8)),
            maxBodyBytes: 1 << 20)
        #expect(json.status == 400)
    }
}
