import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// A1111 img2img over real HTTP against the sandbox's web UI: a mask lands where it was drawn
/// (checked by pixels), the saved files carry the server's infotext with the strength and blur,
/// variations, and bad input refused before or by the server in one line.
@Suite(.timeLimit(.minutes(2)))
struct A1111EditFlowTests {
    static func endpoint(_ world: TestWorld) -> ProviderEndpoint {
        ProviderEndpoint(provider: .a1111, baseURL: world.sandbox.a1111BaseURL, credential: world.sandbox.credential(for: .a1111))
    }

    static func request(
        _ operation: ImageOperation, _ parts: [PromptPart] = [PromptPart("a stormy sky")], _ settings: [SettingName: SettingValue] = [:]
    ) throws -> ResolvedRequest {
        var all: [SettingName: SettingValue] = [.steps: .text("4")]
        all.merge(settings) { $1 }
        return try Catalog.bundled.resolve(
            GenerationRequest(provider: .a1111, model: "default", parts: parts, settings: all), operation: operation
        ).get()
    }

    static func inputs(_ paths: [String], mask: String?, request: ResolvedRequest) throws -> (images: [InputImage], mask: InputImage?) {
        let rules = try #require(request.model.operation(request.operation)?.inputs)
        return try InputInspector.check(
            images: paths.map { InputSource(path: $0) }, mask: mask.map { InputSource(path: $0) }, rules: rules, model: request.model.id
        ).get()
    }


    /// A greyscale mask as A1111 users draw it: white where to repaint.
    static func whiteMask(width: Int, height: Int, area: (x: Range<Int>, y: Range<Int>)) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let white: UInt8 = area.x.contains(x) && area.y.contains(y) ? 255 : 0
                pixels += [white, white, white]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    @Test("a masked edit repaints only the mask's area, in either mask form, and the file keeps the server's infotext", arguments: [false, true])
    func maskedEdit(greyscaleMask: Bool) async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        // 64 a side: the web UI paints at least 64, so a smaller input would come back scaled.
        let original = EditFixtures.halves(width: 96, height: 64)
        let area = (x: 8..<40, y: 16..<40)
        let image = try files.png("photo.png", original)
        let mask = greyscaleMask
            ? try files.png("mask.png", Self.whiteMask(width: 96, height: 64, area: area))
            : try files.png("mask.png", rgba: EditFixtures.mask(width: 96, height: 64, transparent: area))
        let request = try Self.request(.edit, [PromptPart("a stormy sky")], ["mask_blur": .text("6"), .denoise: .text("0.5")])
        let checked = try Self.inputs([image], mask: mask, request: request)
        let result = try await world.runner.runEdit(
            request, images: checked.images, mask: checked.mask, parent: 7, endpoint: Self.endpoint(world), stem: "edit") { _ in }
        #expect(result.operation == .edit && result.parent == 7 && result.mask?.sha256 == checked.mask?.sha256)
        #expect(result.task?.traceID.hasPrefix("easel-") == true, "the task id is the job's, as for txt2img")
        let saved = try ImageDecoder.decode(fileAt: result.images[0].path).image
        try #require(saved.width == 96 && saved.height == 64, "the size follows the input")
        let counted = pixelChanges(saved, original, area: area)
        #expect(counted.outside == 0, "pixels outside the mask changed")
        #expect(counted.inside > 32 * 24 / 2, "the mask's area was barely repainted")
        let metadata = try ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: result.images[0].path))))
        let text = try #require(metadata.infotext?.text)
        #expect(text.contains("Denoising strength: 0.5, Mask blur: 6,"), "\(text)")
        #expect(metadata.easelRecord?.operation == "edit" && metadata.easelRecord?.inputs == [checked.images[0].sha256])
        let sent = try #require(await world.sandbox.state.receivedRequests(A1111Routes.img2imgName).last)
        #expect(sent.body?["init_images"]?.arrayValue?.first?["sha256"]?.stringValue == checked.images[0].sha256)
        #expect(sent.body?["mask_blur"] == .int(6) && sent.body?["denoising_strength"] == .double(0.5))
        #expect(sent.body?["force_task_id"]?.stringValue == result.task?.traceID)
        #expect(await world.sandbox.state.count(A1111Routes.txt2imgName) == 0)
    }

    @Test("an edit without a mask changes the whole picture but keeps it recognisable; infotext has no mask blur")
    func unmaskedEdit() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let original = EditFixtures.halves(width: 64, height: 64)
        let image = try files.png("photo.png", original)
        let request = try Self.request(.edit)
        let checked = try Self.inputs([image], mask: nil, request: request)
        let result = try await world.runner.runEdit(request, images: checked.images, mask: nil, endpoint: Self.endpoint(world), stem: "e") { _ in }
        let metadata = try ImageMetadataReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: result.images[0].path))))
        let text = try #require(metadata.infotext?.text)
        #expect(text.contains("Denoising strength: 0.75,") && !text.contains("Mask blur"), "\(text)")
    }

    @Test("variations: n at once at the variation strength, steered by a prompt")
    func variations() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("tile.png", EditFixtures.halves(width: 64, height: 64))
        let request = try Self.request(.variation, [PromptPart("autumn")], [.n: .text("3")])
        let checked = try Self.inputs([image], mask: nil, request: request)
        let result = try await world.runner.runEdit(request, images: checked.images, mask: nil, endpoint: Self.endpoint(world), stem: "v") { _ in }
        #expect(result.operation == .variation && result.images.count == 3)
        let sent = try #require(await world.sandbox.state.receivedRequests(A1111Routes.img2imgName).last)
        #expect(sent.body?["denoising_strength"] == .double(0.6) && sent.body?["prompt"] == .string("autumn"))
        #expect(sent.body?["batch_size"] == .int(3) && sent.body?["mask"] == nil)
        let pictures = try result.images.map { try ImageDecoder.decode(fileAt: $0.path).image.pixels }
        #expect(Set(pictures).count == 3, "three different pictures, one per seed")
    }

    @Test("a mask of another size is refused before anything is sent, in one line")
    func maskOfWrongSize() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("photo.png", EditFixtures.halves(width: 64, height: 48))
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 32, height: 32, transparent: (0..<8, 0..<8)))
        let request = try Self.request(.edit)
        let rules = try #require(request.model.edit?.inputs)
        let problems = try #require(InputInspector.check(
            images: [InputSource(path: image)], mask: InputSource(path: mask), rules: rules, model: "default").failure)
        #expect(problems.problems.count == 1)
        #expect(problems.description.contains("the mask is 32×32 but the first image is 64×48"), "\(problems)")
    }

    @Test("an image beyond 4096 a side is refused, naming the limit")
    func tooLarge() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("wide.png", EditFixtures.halves(width: 4100, height: 8))
        let rules = try #require(try Self.request(.edit).model.edit?.inputs)
        let problems = try #require(InputInspector.check(images: [InputSource(path: image)], mask: nil, rules: rules, model: "default").failure)
        #expect(problems.description.contains("is 4100×8, and default takes at most 4096 pixels a side"), "\(problems)")
    }

    @Test("the server's refusals are one line: an unknown sampler, a mask that is not an image")
    func serverRefusals() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("photo.png", EditFixtures.halves(width: 64, height: 64))
        let request = try Self.request(.edit, [PromptPart("x")], [.sampler: .text("Nonexistent")])
        let checked = try Self.inputs([image], mask: nil, request: request)
        await #expect(throws: GenerationError.rejected(status: 404, message: "Sampler not found")) {
            _ = try await world.runner.runEdit(request, images: checked.images, mask: nil, endpoint: Self.endpoint(world), stem: "s") { _ in }
        }
        // A mask whose bytes are not an image, sent as a raw request: the web UI's answer.
        let inputImage = checked.images[0]
        var outgoing = try A1111Wire.img2img(
            endpoint: Self.endpoint(world), request: try Self.request(.edit), image: inputImage,
            imageBytes: Array(try Data(contentsOf: URL(fileURLWithPath: image))), mask: [1, 2, 3, 4], taskID: "raw")
        outgoing.timeout = .seconds(30)
        let reply = try await world.transport.send(outgoing, maxBodyBytes: 1 << 20)
        #expect(reply.status == 500)
        #expect(A1111Wire.errorLine(status: reply.status, body: reply.body, host: "h", route: "img2img") == "HTTPException: Invalid encoded image")
    }

    @Test("a variation refuses a mask; an empty input list is refused without sending")
    func runnerRefusals() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        await #expect(throws: GenerationError.self) {
            _ = try await world.runner.runEdit(try Self.request(.variation, []), images: [], mask: nil, endpoint: Self.endpoint(world), stem: "x") { _ in }
        }
        #expect(await world.sandbox.state.count(A1111Routes.img2imgName) == 0)
    }

    @Test("validation: an a1111 variation takes a prompt or none; dall-e-2's still takes none")
    func variationPrompts() throws {
        #expect(throws: Never.self) { try Self.request(.variation, []) }
        #expect(throws: Never.self) { try Self.request(.variation, [PromptPart("autumn"), PromptPart("blurry", weight: -1)]) }
        let dalle = Catalog.bundled.resolve(
            GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [PromptPart("x")], settings: [:]), operation: .variation)
        #expect(dalle.failure?.problems.first?.message.contains("variations take no prompt") == true)
    }
}

