import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// sd-server edits and variations: the `img_gen` body (init image as an RGB PNG, the mask as a
/// white-is-repaint PNG, strength), the job against the sandbox with pixel checks, and
/// refusals before anything is sent.
@Suite(.timeLimit(.minutes(2)))
struct SDCppEditTests {
    private func fastRunner(_ world: TestWorld) -> GenerationRunner {
        var runner = world.runner
        runner.aceTasks = AceTaskHub(sender: runner.sender, schedule: PollSchedule(firstDelay: 0.05, maxInterval: 0.05))
        return runner
    }

    private func request(_ operation: ImageOperation, _ settings: [SettingName: SettingValue] = [:], prompt: String? = "a stormy sky") throws -> ResolvedRequest {
        try Catalog.bundled.resolve(
            GenerationRequest(provider: .sdcpp, model: "default", parts: prompt.map { A1111Prompt.parse($0) } ?? [], settings: settings),
            operation: operation
        ).get()
    }

    private func inputs(_ paths: [String], mask: String?, request: ResolvedRequest) throws -> (images: [InputImage], mask: InputImage?) {
        let rules = try #require(request.model.operation(request.operation)?.inputs)
        return try InputInspector.check(
            images: paths.map { InputSource(path: $0) }, mask: mask.map { InputSource(path: $0) }, rules: rules, model: request.model.id
        ).get()
    }

    @Test func theBodyCarriesTheInitImageMaskAndStrength() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        // A grey picture with alpha: sd-server takes only three channels or more.
        var grey: [UInt8] = []
        for index in 0..<(64 * 64) { grey += [UInt8(index % 256), UInt8(index % 256), UInt8(index % 256), 200] }
        let image = try files.png("grey.png", rgba: RGBAImage(width: 64, height: 64, pixels: grey))
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 64, height: 64, transparent: (x: 0..<16, y: 0..<8)))
        let request = try request(.edit, [.denoise: .text("0.4")])
        let checked = try inputs([image], mask: mask, request: request)
        let endpoint = ProviderEndpoint(provider: .sdcpp, baseURL: "http://127.0.0.1:1", credential: nil)
        let picture = try GenerationRunner.rgbPNG(checked.images[0])
        let outgoing = SDCppWire.createImage(
            endpoint: endpoint, request: request, seed: 3, loras: [], initImage: picture, mask: try checked.mask?.blackAndWhiteMaskPNG())
        let body = try #require(JSONValue.parse(outgoing.body ?? []))
        #expect(body["strength"]?.doubleValue == 0.4)
        let initText = try #require(body["init_image"]?.stringValue)
        let initBytes = Array(Data(base64Encoded: initText) ?? Data())
        #expect(initBytes[25] == 2, "PNG colour type 2: RGB")
        let decoded = try ImageDecoder.decode(initBytes).image
        #expect(decoded.width == 64 && decoded.pixels[4 * 70] == 70)
        let maskText = try #require(body["mask_image"]?.stringValue)
        let maskBytes = Array(Data(base64Encoded: maskText) ?? Data())
        let maskImage = try ImageDecoder.decode(maskBytes).image
        #expect(maskImage.pixels[0] == 255, "white where the mask was transparent")
        #expect(maskImage.pixels[(32 * 64 + 32) * 4] == 0, "black where it was opaque")
        // A generation sends none of these.
        let plain = SDCppWire.createImage(endpoint: endpoint, request: try resolved(GenerationRequest(provider: .sdcpp, model: "default", parts: [PromptPart("x")])), seed: 1, loras: [])
        let plainBody = try #require(JSONValue.parse(plain.body ?? []))
        #expect(plainBody["init_image"] == nil && plainBody["strength"] == nil && plainBody["mask_image"] == nil)
    }

    @Test func aMaskedEditKeepsTheUnmaskedPixelsAtTheInputsSize() async throws {
        let world = try await TestWorld.start(delay: 0.2)
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let original = EditFixtures.halves(width: 96, height: 64)
        let area = (x: 40..<80, y: 8..<40)
        let image = try files.png("photo.png", original)
        let mask = try files.png("mask.png", rgba: EditFixtures.mask(width: 96, height: 64, transparent: area))
        let request = try request(.edit)
        let checked = try inputs([image], mask: mask, request: request)
        let result = try await fastRunner(world).runEdit(
            request, images: checked.images, mask: checked.mask, parent: 3, endpoint: world.endpoint(.sdcpp), stem: "e") { _ in }
        #expect(result.operation == .edit && result.parent == 3 && result.task?.taskID?.hasPrefix("job_") == true)
        let saved = try ImageDecoder.decode(fileAt: result.images[0].path).image
        try #require(saved.width == 96 && saved.height == 64)
        var inside = 0
        var outside = 0
        for y in 0..<64 {
            for x in 0..<96 {
                let same = (0..<3).allSatisfy { saved.pixels[(y * 96 + x) * 4 + $0] == original.pixels[(y * 96 + x) * 3 + $0] }
                if area.x.contains(x) && area.y.contains(y) { inside += same ? 0 : 1 } else { outside += same ? 0 : 1 }
            }
        }
        #expect(outside == 0, "pixels outside the mask changed")
        #expect(inside > 40 * 32 / 2, "the masked area was barely repainted")
    }

    @Test func aVariationWithoutAPromptIsImageToImageAtItsDefaultStrength() async throws {
        let world = try await TestWorld.start(delay: 0.2)
        defer { Task { await world.stop() } }
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.png("tile.png", EditFixtures.halves(width: 64, height: 64))
        let request = try request(.variation, prompt: nil)
        #expect(request[.denoise]?.numberValue == 0.6)
        let checked = try inputs([image], mask: nil, request: request)
        let result = try await fastRunner(world).runEdit(request, images: checked.images, mask: nil, endpoint: world.endpoint(.sdcpp), stem: "v") { _ in }
        let saved = try ImageDecoder.decode(fileAt: result.images[0].path).image
        #expect(saved.width == 64 && saved.pixels[(32 * 64 + 4) * 4] > saved.pixels[(32 * 64 + 60) * 4], "the red half shows through")
    }

    @Test func aServerWithoutInitImageOrMaskIsRefusedBeforeSending() {
        let none = SDCppCapabilities(imageFeatures: ["lora"])
        #expect(none.editProblems(mask: false).map(\.message) == [
            "this sd-server takes no init image (its capabilities do not list init_image), so it cannot edit or vary images"
        ])
        let noMask = SDCppCapabilities(imageFeatures: ["init_image"])
        #expect(noMask.editProblems(mask: false).isEmpty)
        #expect(noMask.editProblems(mask: true).map(\.field) == ["mask"])
        #expect(SDCppCapabilities().editProblems(mask: true).isEmpty, "a server that says nothing is not second-guessed")
        let decoded = SDCppWire.decodeCapabilities(Array(#"{"features_by_mode": {"img_gen": {"init_image": true, "mask_image": false}}}"#.utf8))
        #expect(decoded?.imageFeatures == ["init_image"])
    }
}
