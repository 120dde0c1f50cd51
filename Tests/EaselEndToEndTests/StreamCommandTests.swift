import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// `easel generate --stream` through the real binary: partial images on stderr as they arrive,
/// only the final images left on disk, and retired models still served by other hosts.
@Suite(.timeLimit(.minutes(2)))
struct StreamCommandTests {
    @Test func streamedGenerationShowsPartialImagesAndKeepsOnlyTheFinalOne() async throws {
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try await EaselProcess.run(
            ["generate", "a lighthouse", "--sandbox", "--provider", "openai", "--model", "gpt-image-2.5-flare",
             "--size", "768x512", "--quality", "max", "--partial-images", "2", "--json"],
            environment: EaselProcess.environment(home: home))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        let partialLines = lines.filter { $0.contains(": partial image ") }
        #expect(partialLines.count == 2, "\(outcome.stderr)")
        #expect(partialLines.first?.contains("partial image 1 (768x512) at \(home.path)/data/images/") == true)
        #expect(partialLines.last?.contains("partial image 2 (768x512)") == true)
        let json = try #require(JSONValue.parse(Array(outcome.stdout.utf8)))
        #expect(json["model"] == .string("gpt-image-2.5-flare"))
        #expect(json["usage"]?["output_tokens"]?.intValue == 272)
        let images = try #require(json["images"]?.arrayValue)
        #expect(images.count == 1)
        let path = try #require(images.first?["path"]?.stringValue)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(ImageHeader(Array(bytes.prefix(64))) == ImageHeader(format: .png, width: 768, height: 512))
        let left = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("data/images").path)
        #expect(left == [URL(fileURLWithPath: path).lastPathComponent])
    }

    @Test func partialImagesOutOfRangeAreRefusedBeforeSending() async throws {
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try await EaselProcess.run(
            ["generate", "x", "--sandbox", "--provider", "openai", "--model", "gpt-image-1.5", "--partial-images", "5"],
            environment: EaselProcess.environment(home: home))
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("easel: partial_images: 5 is not allowed for gpt-image-1.5; allowed: 0–3"))
    }

    @Test func aRetiredModelStillWorksWhereItIsServed() async throws {
        // (The refusal on api.openai.com itself is tested in EaselCoreTests without a network:
        // a test here would reach the real host if the refusal ever broke.)
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "tok-retired"))
        let elsewhere = try await EaselProcess.run(
            ["generate", "x", "--provider", "openai", "--model", "gpt-image-1", "--stream"],
            environment: EaselProcess.environment(home: home, extra: ["OPENAI_API_KEY": "tok-retired", "OPENAI_BASE_URL": sandbox.openAIBaseURL]))
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(await sandbox.state.count("openai-generate") == 1)
        #expect(await sandbox.state.streamedEvents().map(\.type) == ["image_generation.completed"])
        await sandbox.stop()
    }
}
