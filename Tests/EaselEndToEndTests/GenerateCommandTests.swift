import EaselImage
import EaselCore
import EaselSandbox
import Foundation
import Testing

/// The real `easel` binary, end to end, with its exit codes.
@Suite(.timeLimit(.minutes(2)))
struct GenerateCommandTests {
    @Test func withNoProviderItRunsOnTheSandboxAndPrintsJSON() async throws {
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try await EaselProcess.run(
            ["generate", "a lighthouse", "--negative", "fog", "--n", "2", "--size", "1344x768", "--json"],
            environment: EaselProcess.environment(home: home))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("no provider is configured, so this runs on the built-in sandbox"))
        let json = try #require(JSONValue.parse(Array(outcome.stdout.utf8)))
        #expect(json["provider"] == .string("ai-client"))
        #expect(json["model"] == .string("stablediffusion_text2img"))
        #expect(json["thread"]?.stringValue?.isEmpty == false)
        #expect(json["entry"]?.stringValue?.isEmpty == false)
        #expect(json["credits"]?.intValue == 10)
        let images = try #require(json["images"]?.arrayValue)
        #expect(images.count == 2)
        for image in images {
            let path = try #require(image["path"]?.stringValue)
            #expect(path.hasPrefix(home.path + "/data/images/"))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(image["bytes"]?.intValue == bytes.count)
            #expect(ImageHeader(Array(bytes.prefix(64))) == ImageHeader(format: .png, width: 1344, height: 768))
            #expect(image["width"]?.intValue == 1344 && image["height"]?.intValue == 768 && image["format"] == .string("png"))
        }
    }

    @Test func invalidInputExitsWith2AndNamesEveryProblem() async throws {
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try await EaselProcess.run(
            ["generate", "x", "--model", "dalle2_text2img", "--size", "300x300", "--n", "11"],
            environment: EaselProcess.environment(home: home))
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("easel: size: \"300x300\" is not allowed for dalle2_text2img; allowed: 256x256, 512x512, 1024x1024"))
        #expect(outcome.stderr.contains("easel: n: 11 is not allowed for dalle2_text2img; allowed: 1–10"))
        #expect(outcome.stdout.isEmpty)
        let badFlag = try await EaselProcess.run(["generate", "x", "--api-key", "sk-nope"], environment: EaselProcess.environment(home: home))
        #expect(badFlag.status == 2)
        let badWeight = try await EaselProcess.run(["generate", "--weighted", "heavy:blur"], environment: EaselProcess.environment(home: home))
        #expect(badWeight.status == 2 && badWeight.stderr.contains("expected W:TEXT"))
    }

    @Test func rejectedKeyExitsWith3AndNeverShowsTheKey() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "the-right-token"))
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let key = "sk-wrong-but-secret-0123456789"
        let outcome = try await EaselProcess.run(
            ["generate", "x", "--provider", "openai", "--model", "dall-e-2"],
            environment: EaselProcess.environment(home: home, extra: ["OPENAI_API_KEY": key, "OPENAI_BASE_URL": sandbox.openAIBaseURL]))
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("the provider refused the request (HTTP 401)"))
        #expect(!outcome.stderr.contains(key) && !outcome.stdout.contains(key))
        let log = try String(contentsOf: home.appendingPathComponent("state/easel.log"), encoding: .utf8)
        #expect(log.contains("POST"))
        #expect(!log.contains(key))
        #expect(await sandbox.state.count("openai-generate") == 1)
        await sandbox.stop()
    }

    @Test func aServerThatIsNotThereExitsWith4() async throws {
        let sandbox = try await SandboxServer.start()
        let port = sandbox.port
        await sandbox.stop()
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try await EaselProcess.run(
            ["generate", "x", "--provider", "openai", "--model", "dall-e-2", "--base-url", "http://127.0.0.1:\(port)/v1"],
            environment: EaselProcess.environment(home: home, extra: ["OPENAI_API_KEY": "sk-anything-123456"]))
        #expect(outcome.status == 4, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("never reached the server"))
    }

    @Test func openAIThroughTheBinaryWithAConfigFile() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: "file-token-abc"))
        let home = EaselProcess.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let config = home.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let file = config.appendingPathComponent("config.toml")
        try "provider = \"openai\"\n[openai]\nbase_url = \"\(sandbox.openAIBaseURL)\"\napi_key = \"file-token-abc\"\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let out = home.appendingPathComponent("out")
        let outcome = try await EaselProcess.run(
            ["generate", "a red kite", "--model", "dall-e-3", "--size", "1024x1792", "--out", out.path, "--json"],
            environment: EaselProcess.environment(home: home))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(JSONValue.parse(Array(outcome.stdout.utf8)))
        #expect(json["revised_prompt"]?.stringValue?.contains("a red kite") == true)
        #expect(json["images"]?.arrayValue?.first?["path"]?.stringValue?.hasPrefix(out.path) == true)
        #expect(json["images"]?.arrayValue?.first?["url"]?.stringValue?.hasPrefix(sandbox.origin) == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let exposed = try await EaselProcess.run(["generate", "x"], environment: EaselProcess.environment(home: home))
        #expect(exposed.status == 2 && exposed.stderr.contains("chmod 600"))
        await sandbox.stop()
    }

    @Test func sandboxCommandPrintsItsAddressAndServes() async throws {
        let process = Process()
        process.executableURL = EaselProcess.binary
        process.arguments = ["sandbox", "--port", "0", "--delay", "0"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        // Read on a thread of its own: the global queue is the cooperative pool's on Linux.
        let line: String = await withCheckedContinuation { continuation in
            Thread {
                var text = ""
                while !text.contains("\n") {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                continuation.resume(returning: text)
            }.start()
        }
        let match = try #require(line.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/))
        let port = try #require(Int(match.1))
        let transport = AsyncHTTPTransport.sharedForTests
        let reply = try await transport.send(
            AIClientWire.createThread(baseURL: "http://127.0.0.1:\(port)/api/v1", token: "t", aiVersionCode: "dalle2_text2img"),
            maxBodyBytes: 1 << 16)
        #expect(reply.status == 201)
        #expect(AIClientWire.decodeThread(reply.body)?.title == "New thread with DALL·E 2 Image Generation")
    }
}
