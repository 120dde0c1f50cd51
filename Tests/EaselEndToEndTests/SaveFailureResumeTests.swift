import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// A disk that fails after the server answered: the reply was journalled before anything was
/// saved (URLs as they came, inline images in files beside the history database), so once the
/// folder is fixed `easel resume` saves the images without a second generation POST.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct SaveFailureResumeTests {
    static let token = "save-e2e-token-0123456789"

    /// Waits (on the cooperative pool's terms: sleeping, not blocking) until `condition` holds.
    func waitUntil(_ what: String, _ condition: () async -> Bool) async throws {
        for _ in 0..<400 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("timed out waiting for \(what)")
    }

    @Test(arguments: ["b64_json", "url"])
    func resumeSavesTheJournalledReplyWithoutANewPost(format: String) async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 1.5, token: Self.token))
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let out = home.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let environment = EaselProcess.environment(
            home: home, extra: ["OPENAI_API_KEY": Self.token, "OPENAI_BASE_URL": sandbox.openAIBaseURL])
        async let generated = EaselProcess.run(
            ["generate", "a lighthouse", "--provider", "openai", "--model", "dall-e-2", "--size", "256x256",
             "--response-format", format, "--out", out.path],
            environment: environment)
        // Once the request is in, the folder becomes a file: saving must fail (as root too).
        try await waitUntil("the generation request") { await sandbox.state.count("openai-generate") == 1 }
        try FileManager.default.removeItem(at: out)
        try Data("not a folder".utf8).write(to: out)
        let first = try await generated
        #expect(first.status != 0, "\(first.stderr)")
        #expect(first.stderr.contains("easel resume"), "\(first.stderr)")
        let replies = home.appendingPathComponent("data/replies")
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: replies.path)) ?? []
        #expect(kept.count == (format == "b64_json" ? 1 : 0), "inline images wait beside the history: \(kept)")

        try FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let resumed = try await EaselProcess.run(["resume", "--out", out.path, "--json"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let path = JSONValue.parse(Array(resumed.stdout.utf8))?["images"]?.arrayValue?.first?["path"]?.stringValue ?? ""
        #expect(path.hasPrefix(out.path) && FileManager.default.fileExists(atPath: path), "\(resumed.stdout)")
        #expect(await sandbox.state.count("openai-generate") == 1, "never posted again")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: replies.path)) ?? []).isEmpty, "payloads are removed once saved")
        let again = try await EaselProcess.run(["resume"], environment: environment)
        #expect(again.status == 0 && again.stderr.contains("no unfinished jobs"), "\(again.stderr)")
        await sandbox.stop()
    }

    /// A variation of a history image whose save failed: `easel resume` saves it with the same
    /// lineage an uninterrupted one records (operation, input, parent entry).
    @Test func aResumedVariationKeepsItsParent() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 1.5, token: Self.token))
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let out = home.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let environment = EaselProcess.environment(
            home: home, extra: ["OPENAI_API_KEY": Self.token, "OPENAI_BASE_URL": sandbox.openAIBaseURL])
        let made = try await EaselProcess.run(
            ["generate", "a lighthouse", "--provider", "openai", "--model", "dall-e-2", "--size", "256x256", "--out", out.path, "--json"],
            environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        let parent = try #require(JSONValue.parse(Array(made.stdout.utf8))?["images"]?.arrayValue?.first?["path"]?.stringValue)
        let varied = home.appendingPathComponent("varied")
        try FileManager.default.createDirectory(at: varied, withIntermediateDirectories: true)
        async let vary = EaselProcess.run(
            ["vary", parent, "--provider", "openai", "--model", "dall-e-2", "--size", "256x256", "--out", varied.path],
            environment: environment)
        try await waitUntil("the variation request") { await sandbox.state.count("openai-variation") == 1 }
        try FileManager.default.removeItem(at: varied)
        try Data("not a folder".utf8).write(to: varied)
        let first = try await vary
        #expect(first.status != 0 && first.stderr.contains("easel resume"), "\(first.stderr)")

        try FileManager.default.removeItem(at: varied)
        try FileManager.default.createDirectory(at: varied, withIntermediateDirectories: true)
        let resumed = try await EaselProcess.run(["resume", "--out", varied.path, "--json"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let result = JSONValue.parse(Array(resumed.stdout.utf8))
        #expect(result?["operation"]?.stringValue == "variation", "\(resumed.stdout)")
        #expect(result?["parent"] != nil && result?["parent"] != .null, "\(resumed.stdout)")
        #expect(result?["inputs"]?.arrayValue?.first?["path"]?.stringValue == parent, "\(resumed.stdout)")
        #expect(await sandbox.state.count("openai-variation") == 1, "never posted again")
        await sandbox.stop()
    }
}
