import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// `easel generate` with Azure OpenAI, AI/ML API and a compatible server: configuration from the
/// environment and flags, one-line refusals with their exit codes, and the history's record.
@Suite(.timeLimit(.minutes(3)))
struct ProviderCommandTests {
    static let token = "provider-token-0123456789"

    func run(_ arguments: [String], _ extra: [String: String]) async throws -> (EaselProcess.Outcome, URL) {
        let home = EaselProcess.temporaryHome()
        let outcome = try await EaselProcess.run(arguments, environment: EaselProcess.environment(home: home, extra: extra))
        return (outcome, home)
    }

    /// The one line a failure ends with (after any notes), so tests can show it is one line.
    func lastLine(_ text: String) -> String { text.split(separator: "\n").last.map(String.init) ?? "" }

    @Test func azureThroughTheEnvironmentWithFlagsWinning() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token, azureDeployments: ["painter": "dall-e-3"]))
        defer { Task { await sandbox.stop() } }
        let environment = ["AZURE_OPENAI_ENDPOINT": sandbox.azureEndpoint + "/", "AZURE_OPENAI_API_KEY": Self.token, "OPENAI_API_VERSION": "2024-10-21"]
        let (dated, home) = try await run(["generate", "a heron", "--provider", "azure", "--style", "natural", "--json"], environment)
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(dated.status == 0, "\(dated.stderr)")
        let json = try #require(JSONValue.parse(Array(dated.stdout.utf8)))
        #expect(json["provider"] == .string("azure") && json["model"] == .string("dall-e-3"))
        #expect(json["reply"]?["data"]?.arrayValue?.first?["content_filter_results"]?["violence"] != nil)
        let path = try #require(json["images"]?.arrayValue?.first?["path"]?.stringValue)
        #expect(ImageHeader(Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(64))) == ImageHeader(format: .png, width: 1024, height: 1024))

        let (v1, home2) = try await run(
            ["generate", "a heron", "--provider", "azure", "--deployment", "painter", "--api-version", "v1"], environment)
        defer { try? FileManager.default.removeItem(at: home2) }
        #expect(v1.status == 0, "\(v1.stderr)")
        let sent = await sandbox.state.receivedRequests("azure-generate")
        #expect(sent.map(\.path) == ["/openai/deployments/dall-e-3/images/generations", "/openai/v1/images/generations"])
        #expect(sent.first?.query["api-version"] == "2024-10-21" && sent.last?.query.isEmpty == true)
        #expect(sent.allSatisfy { $0.header("api-key") == Self.token && $0.header("authorization") == nil })
        #expect(sent.last?.body?["model"] == .string("painter"))
    }

    @Test func azureRefusalsAreOneLineWithTheirExitCodes() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        defer { Task { await sandbox.stop() } }
        let environment = ["AZURE_OPENAI_ENDPOINT": sandbox.azureEndpoint, "AZURE_OPENAI_API_KEY": Self.token]
        let (blocked, home) = try await run(["generate", "[blocked:policy:violence] a storm", "--provider", "azure"], environment)
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(blocked.status == 3)
        #expect(lastLine(blocked.stderr).hasPrefix(
            "easel: the provider refused the request (HTTP 400): blocked by the content filter: violence (high) — Your request was rejected"))
        #expect(blocked.stdout.isEmpty)
        for (prompt, line) in [
            ("[blocked] a storm", "blocked by the content filter: Your task failed as a result of our safety system."),
            ("[blocked:chat] a storm", "blocked by the content filter: hate (high) — The response was filtered"),
        ] {
            let (outcome, home) = try await run(["generate", prompt, "--provider", "azure"], environment)
            defer { try? FileManager.default.removeItem(at: home) }
            #expect(outcome.status == 3 && lastLine(outcome.stderr).hasPrefix("easel: the provider refused the request (HTTP 400): " + line))
        }

        let (invalid, home2) = try await run(["generate", "x", "--provider", "azure", "--n", "2", "--size", "512x512"], environment)
        defer { try? FileManager.default.removeItem(at: home2) }
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("easel: n: 2 is not allowed for dall-e-3; allowed: 1"))
        #expect(invalid.stderr.contains("easel: size: \"512x512\" is not allowed for dall-e-3"))
        #expect(await sandbox.state.count("azure-generate") == 3)

        let (noEndpoint, home3) = try await run(["generate", "x", "--provider", "azure"], ["AZURE_OPENAI_API_KEY": Self.token])
        defer { try? FileManager.default.removeItem(at: home3) }
        #expect(noEndpoint.status == 2 && noEndpoint.stderr.contains("azure needs an endpoint"))
        let (notAzure, home6) = try await run(["generate", "x", "--provider", "aimlapi", "--deployment", "d"], ["AIMLAPI_KEY": Self.token])
        defer { try? FileManager.default.removeItem(at: home6) }
        #expect(notAzure.status == 2 && notAzure.stderr.contains("--deployment and --api-version are for azure, not aimlapi"))
        let (badVersion, home4) = try await run(["generate", "x", "--provider", "azure", "--api-version", "latest"], environment)
        defer { try? FileManager.default.removeItem(at: home4) }
        #expect(badVersion.status == 2 && badVersion.stderr.contains("is not one (expected YYYY-MM-DD"))
        let wrongKey = "azure-wrong-key-987654321"
        let (denied, home5) = try await run(
            ["generate", "x", "--provider", "azure"], ["AZURE_OPENAI_ENDPOINT": sandbox.azureEndpoint, "AZURE_OPENAI_API_KEY": wrongKey])
        defer { try? FileManager.default.removeItem(at: home5) }
        #expect(denied.status == 3 && lastLine(denied.stderr).contains("Access denied due to invalid subscription key"))
        #expect(!denied.stderr.contains(wrongKey) && !denied.stdout.contains(wrongKey))
        let log = try String(contentsOf: home5.appendingPathComponent("state/easel.log"), encoding: .utf8)
        #expect(!log.contains(wrongKey))
    }

    @Test func aimlAPICreditsReachTheOutputAndTheHistory() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        defer { Task { await sandbox.stop() } }
        let environment = ["AIMLAPI_KEY": Self.token, "AIMLAPI_BASE_URL": sandbox.aimlAPIBaseURL]
        let (current, home) = try await run(["generate", "a beach", "--json"], environment)
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(current.status == 0, "\(current.stderr)")
        let json = try #require(JSONValue.parse(Array(current.stdout.utf8)))
        #expect(json["provider"] == .string("aimlapi") && json["credits"]?.intValue == 84_000)
        let listed = try await EaselProcess.run(
            ["threads", "list", "--json"], environment: EaselProcess.environment(home: home, extra: environment))
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("84000"), "\(listed.stdout)")

        let (legacy, home2) = try await run(["generate", "a beach", "--model", "dall-e-2", "--n", "2", "--size", "256x256", "--json"], environment)
        defer { try? FileManager.default.removeItem(at: home2) }
        #expect(legacy.status == 0, "\(legacy.stderr)")
        #expect(JSONValue.parse(Array(legacy.stdout.utf8))?["images"]?.arrayValue?.count == 2)

        let (broke, home3) = try await run(["generate", "a beach [no-credits]"], environment)
        defer { try? FileManager.default.removeItem(at: home3) }
        #expect(broke.status == 3)
        #expect(lastLine(broke.stderr).hasPrefix("easel: the provider refused the request (HTTP 403): You have run out of credits."))
        let wrongKey = "aiml-wrong-key-5647382910"
        let (denied, home5) = try await run(["generate", "x"], ["AIMLAPI_KEY": wrongKey, "AIMLAPI_BASE_URL": sandbox.aimlAPIBaseURL])
        defer { try? FileManager.default.removeItem(at: home5) }
        #expect(denied.status == 3 && lastLine(denied.stderr).hasPrefix("easel: the provider refused the request (HTTP 401): Unauthorized: the API key is not valid (request "))
        #expect(!denied.stderr.contains(wrongKey))
        let (refused, home4) = try await run(["generate", "x", "--provider", "aimlapi", "--model", "openai/gpt-image-1", "--n", "2"], environment)
        defer { try? FileManager.default.removeItem(at: home4) }
        #expect(refused.status == 2 && refused.stderr.contains("n: 2 is not allowed for openai/gpt-image-1; allowed: 1"))
    }

    @Test func aCompatibleServerNeedsNoKeyButGetsOneWhenGiven() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, token: Self.token))
        defer { Task { await sandbox.stop() } }
        let (keyed, home) = try await run(
            ["generate", "a kite", "--model", "gpt-image-1.5", "--size", "1024x1536", "--json"],
            ["COMPATIBLE_BASE_URL": sandbox.openAIBaseURL, "COMPATIBLE_API_KEY": Self.token])
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(keyed.status == 0, "\(keyed.stderr)")
        #expect(JSONValue.parse(Array(keyed.stdout.utf8))?["model"] == .string("gpt-image-1.5"))
        #expect(!keyed.stderr.contains("sandbox"))
        // Without a key the request still goes out; this server wants one and says so.
        let (keyless, home2) = try await run(["generate", "a kite"], ["COMPATIBLE_BASE_URL": sandbox.openAIBaseURL])
        defer { try? FileManager.default.removeItem(at: home2) }
        #expect(keyless.status == 3 && lastLine(keyless.stderr).contains("You didn't provide an API key"))
        #expect(await sandbox.state.count("openai-generate") == 2)
    }

    @Test func theInProcessSandboxSpeaksEveryNewProvider() async throws {
        for (provider, model) in [("azure", "gpt-image-1"), ("aimlapi", "dall-e-2"), ("compatible", "default")] {
            let (outcome, home) = try await run(["generate", "a lantern", "--sandbox", "--provider", provider, "--model", model, "--json"], [:])
            defer { try? FileManager.default.removeItem(at: home) }
            #expect(outcome.status == 0, "\(provider): \(outcome.stderr)")
            #expect(JSONValue.parse(Array(outcome.stdout.utf8))?["images"]?.arrayValue?.count == 1, "\(provider)")
        }
    }

    @Test func aSeedIsTakenWhereTheWireFormatHasOne() async throws {
        let (seeded, home) = try await run(
            ["generate", "a lantern", "--sandbox", "--provider", "compatible", "--set", "seed=42", "--json"], [:])
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(JSONValue.parse(Array(seeded.stdout.utf8))?["seed"] == .int(42), "\(seeded.stdout)")
        let (refused, home2) = try await run(["generate", "a lantern", "--sandbox", "--provider", "openai", "--set", "seed=42"], [:])
        defer { try? FileManager.default.removeItem(at: home2) }
        #expect(refused.status == 2 && refused.stderr.contains("seed: not supported"), "\(refused.stderr)")
    }

    @Test func theInProcessSandboxSpeaksAceDataSynchronouslyAndAsTasks() async throws {
        for extra in [[], ["--async"]] {
            let (outcome, home) = try await run(
                ["generate", "a lantern", "--sandbox", "--provider", "acedata", "--model", "dall-e-2", "--size", "256x256", "--json"] + extra, [:])
            defer { try? FileManager.default.removeItem(at: home) }
            #expect(outcome.status == 0, "\(extra): \(outcome.stderr)")
            let json = JSONValue.parse(Array(outcome.stdout.utf8))
            let path = json?["images"]?.arrayValue?.first?["path"]?.stringValue ?? ""
            #expect(FileManager.default.fileExists(atPath: path), "\(extra): \(outcome.stdout)")
            // The task mode is a task: it has a task id; the synchronous mode has none.
            #expect((json?["task"]?["task_id"]?.stringValue != nil) == !extra.isEmpty, "\(extra): \(outcome.stdout)")
        }
    }
}
