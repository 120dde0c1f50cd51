import EaselCore
import EaselSandbox
import Foundation
import Synchronization
import Testing

/// A provider's pool of servers (`urls = [...]`): the least busy server takes each job, no server
/// gets more than its limit, a server that cannot be reached passes its job on — and a job a
/// server took is never sent anywhere else.
@Suite(.timeLimit(.minutes(2)))
struct ServerPoolTests {
    /// The order leases arrived in.
    actor Order {
        var names: [String] = []
        func add(_ name: String) { names.append(name) }
    }

    /// Waits until `count` jobs are queued in the pool.
    func waitUntil(_ pool: ServerPool, hasWaiting count: Int) async throws {
        while await pool.waitingCount < count { try await Task.sleep(for: .milliseconds(2)) }
    }

    @Test("the least busy server takes the next job; a full pool queues jobs first come first served")
    func leastBusyAndQueue() async throws {
        let pool = ServerPool(servers: ["http://a", "http://b"], limit: 1)
        #expect(try await pool.lease() == "http://a")
        #expect(try await pool.lease() == "http://b")
        let order = Order()
        let third = Task { let url = try await pool.lease(); await order.add("third:\(url)") }
        try await waitUntil(pool, hasWaiting: 1)
        let fourth = Task { let url = try await pool.lease(); await order.add("fourth:\(url)") }
        try await waitUntil(pool, hasWaiting: 2)
        #expect(await order.names.isEmpty, "both wait while every server is full")
        await pool.release("http://b")
        try await third.value
        await pool.release("http://a")
        try await fourth.value
        #expect(await order.names == ["third:http://b", "fourth:http://a"])
        #expect(await pool.peakRunning == ["http://a": 1, "http://b": 1])
    }

    @Test("ties go to the server used least recently, so jobs rotate")
    func tiesRotate() async throws {
        let pool = ServerPool(servers: ["http://a", "http://b", "http://c"], limit: 2)
        var picked: [String] = []
        for _ in 0..<3 {
            let url = try await pool.lease()
            picked.append(url)
            await pool.release(url)
        }
        #expect(picked == ["http://a", "http://b", "http://c"])
    }

    @Test("an unreachable server is skipped; when none is left the lease fails at once")
    func unreachable() async throws {
        let pool = ServerPool(servers: ["http://a", "http://b"], limit: 1)
        await pool.markUnreachable("http://a")
        #expect(try await pool.lease() == "http://b")
        await pool.release("http://b")
        await #expect(throws: ServerPool.LeaseFailure.self) { try await pool.lease(excluding: ["http://b"]) }
        await pool.markUnreachable("http://b")
        await #expect(throws: ServerPool.LeaseFailure.self) { try await pool.lease() }
    }

    @Test("a waiting job whose only server goes down is told, not left waiting")
    func waiterToldWhenItsServerGoesDown() async throws {
        let pool = ServerPool(servers: ["http://a", "http://b"], limit: 1)
        _ = try await pool.lease()  // a
        _ = try await pool.lease()  // b
        let waiter = Task { try await pool.lease(excluding: ["http://b"]) }
        try await waitUntil(pool, hasWaiting: 1)
        await pool.markUnreachable("http://a")
        await #expect(throws: ServerPool.LeaseFailure.self) { try await waiter.value }
    }

    @Test("a cancelled waiting job leaves the queue")
    func cancelledWaiter() async throws {
        let pool = ServerPool(servers: ["http://a"], limit: 1)
        _ = try await pool.lease()
        let waiter = Task { try await pool.lease() }
        try await waitUntil(pool, hasWaiting: 1)
        waiter.cancel()
        await #expect(throws: ServerPool.LeaseFailure.self) { try await waiter.value }
        await pool.release("http://a")
        #expect(try await pool.lease() == "http://a", "the slot went to no one")
    }

    func request() throws -> ResolvedRequest {
        try resolved(GenerationRequest(provider: .compatible, model: "default", parts: [PromptPart("a pier")], settings: [.size: .text("64x64")]))
    }

    @Test("a job that cannot reach its server moves to the next one, and the journal hears where it went")
    func failsOverBeforeAcceptance() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        var endpoint = world.endpoint(.compatible)
        let good = endpoint.baseURL
        // Nothing listens on port 9: the connection is refused, so the request never left.
        endpoint.servers = ["http://127.0.0.1:9/v1", good]
        endpoint.perServerLimit = 1
        let servers = Mutex<[String]>([])
        let result = try await world.runner.run(try request(), endpoint: endpoint, stem: "pool") { update in
            if let server = update.server { servers.withLock { $0.append(server) } }
        }
        #expect(result.images.count == 1)
        #expect(servers.withLock { $0 } == ["http://127.0.0.1:9/v1", good])
        #expect(await world.sandbox.state.count("compatible-generate") == 1)
    }

    @Test("a job a server took and then lost is never sent to another server")
    func neverResentAfterSending() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let fault = try await FaultServer.start(script: [.closeAfterRequest])
        defer { Task { try await fault.stop() } }
        var endpoint = world.endpoint(.compatible)
        endpoint.servers = [fault.baseURL + "/v1", endpoint.baseURL]
        do {
            _ = try await world.runner.run(try request(), endpoint: endpoint, stem: "pool") { _ in }
            Issue.record("the job succeeded")
        } catch {
            guard case GenerationError.outcomeUnknown = error else { Issue.record("expected outcome unknown, got \(error)"); return }
        }
        #expect(await fault.received().count == 1)
        #expect(await world.sandbox.state.count("compatible-generate") == 0, "not sent again elsewhere")
    }

    @Test("every server down: one clear line naming them, nothing sent")
    func allDown() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        var endpoint = world.endpoint(.compatible)
        endpoint.servers = ["http://127.0.0.1:9/v1", "http://127.0.0.1:9/w"]
        do {
            _ = try await world.runner.run(try request(), endpoint: endpoint, stem: "pool") { _ in }
            Issue.record("the job succeeded")
        } catch {
            guard case GenerationError.network(let why) = error else { Issue.record("expected a network error, got \(error)"); return }
            #expect(why.contains("no server of compatible's pool could be reached") && why.contains("127.0.0.1:9/w"), "\(why)")
        }
    }

    func a1111Request(checkpoint: String) throws -> ResolvedRequest {
        try resolved(GenerationRequest(
            provider: .a1111, model: "default", parts: [PromptPart("a pier")], settings: [.size: .text("64x64"), .checkpoint: .text(checkpoint)]))
    }

    /// A web UI that lists other checkpoints (its sd-models, samplers and schedulers answers).
    func serverWithOtherCheckpoints() async throws -> FaultServer {
        let json: (String) -> FaultStep = { .respond(status: 200, headers: [("Content-Type", "application/json")], body: Array($0.utf8)) }
        return try await FaultServer.start(script: [
            json(#"[{"title":"dreamshaper_8.safetensors [879db523c3]","model_name":"dreamshaper_8"}]"#),
            json(#"[{"name":"Euler a"}]"#), json(#"[{"name":"karras","label":"Karras"}]"#),
        ])
    }

    @Test("a job naming a checkpoint goes only to a server of the pool that has it")
    func onlyServersWithTheCheckpoint() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let other = try await serverWithOtherCheckpoints()
        defer { Task { try await other.stop() } }
        var endpoint = ProviderEndpoint(provider: .a1111, baseURL: other.baseURL, credential: world.sandbox.credential(for: .a1111))
        // The server without it comes first, and would take the job on a tie.
        endpoint.servers = [other.baseURL, world.sandbox.a1111BaseURL]
        endpoint.perServerLimit = 1
        let result = try await world.runner.run(try a1111Request(checkpoint: "sd_xl_base_1.0"), endpoint: endpoint, stem: "pick") { _ in }
        #expect(result.images.count == 1)
        #expect(await other.received().map(\.path) == ["/sdapi/v1/sd-models", "/sdapi/v1/samplers", "/sdapi/v1/schedulers"], "asked, never sent the job")
        #expect(await world.sandbox.state.count(A1111Routes.txt2imgName) == 1)
    }

    @Test("no server of the pool has the checkpoint: one clear line, nothing sent")
    func noServerHasTheCheckpoint() async throws {
        let world = try await TestWorld.start()
        defer { Task { await world.stop() } }
        let first = try await serverWithOtherCheckpoints()
        let second = try await serverWithOtherCheckpoints()
        defer { Task { try await first.stop(); try await second.stop() } }
        var endpoint = ProviderEndpoint(provider: .a1111, baseURL: first.baseURL, credential: nil)
        endpoint.servers = [first.baseURL, second.baseURL]
        do {
            _ = try await world.runner.run(try a1111Request(checkpoint: "sd_xl_base_1.0"), endpoint: endpoint, stem: "pick") { _ in }
            Issue.record("the job was sent")
        } catch {
            #expect("\(error)".contains("no server of a1111's pool has \"sd_xl_base_1.0\""), "\(error)")
            #expect((error as? GenerationError)?.exitCode.rawValue == 2)
        }
        for server in [first, second] {
            #expect(await server.received().allSatisfy { $0.method == "GET" }, "only asked what it has")
        }
    }

    @Test("checkpoint names match as the web UIs take them: title, file name, or bare name")
    func checkpointNames() {
        let title = "sd_xl_base_1.0.safetensors [31e35c80fc]"
        #expect(GenerationRunner.names("sd_xl_base_1.0", title))
        #expect(GenerationRunner.names("sd_xl_base_1.0.safetensors", title))
        #expect(GenerationRunner.names(title, title))
        #expect(GenerationRunner.names("sdxl/juggernaut", "sdxl/juggernaut.safetensors"))
        #expect(!GenerationRunner.names("sd_xl", title))
    }
}
