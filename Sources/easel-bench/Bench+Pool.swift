import EaselCore
import EaselSandbox
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Bench {
    /// Many queued jobs over a pool of sandbox servers: all done, none sent twice, no server
    /// given more than its limit, and what the spreading costs — beside the same jobs on one
    /// server with the same limit, measured in the same run.
    static func poolScheduling(jobs: Int = 200, servers: Int = 4, delay: Double = 0.1) async throws {
        print("\n## \(jobs) queued jobs over a pool of \(servers) A1111 sandbox servers (limit 1 per server, sandbox delay \(Int(delay * 1000)) ms)")
        print("servers  elapsed_s  done  posts  duplicates  max_in_flight_per_server  cpu_ms_per_job")
        for count in [1, servers] {
            let sandboxes = try await (0..<count).asyncMap { _ in try await SandboxServer.start(SandboxOptions(delay: delay, token: "bench")) }
            let transport = AsyncHTTPTransport()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-\(UUID().uuidString)")
            let runner = makeRunner(transport, directory: directory)
            var endpoint = ProviderEndpoint(provider: .a1111, baseURL: sandboxes[0].a1111BaseURL, credential: sandboxes[0].credential(for: .a1111))
            endpoint.servers = sandboxes.map(\.a1111BaseURL)
            endpoint.perServerLimit = 1
            let request = try Catalog.bundled.resolve(GenerationRequest(
                provider: .a1111, model: "default", parts: [PromptPart("a harbour at dawn")], settings: [.size: .text("64x64")])).get()
            let target = endpoint
            let cpuBefore = processCPUSeconds()
            let started = Date()
            // One server is not a pool, so its limit is kept by the same pool type directly.
            let single = ServerPool(servers: target.servers, limit: 1)
            let done = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<jobs {
                    group.addTask {
                        if count == 1 {
                            guard let server = try? await single.lease() else { return false }
                            defer { Task { await single.release(server) } }
                            return (try? await runner.run(request, endpoint: target.serving(server), stem: "pool\(index)") { _ in }) != nil
                        }
                        return (try? await runner.run(request, endpoint: target, stem: "pool\(index)") { _ in }) != nil
                    }
                }
                var done = 0
                for await ok in group where ok { done += 1 }
                return done
            }
            let elapsed = Date().timeIntervalSince(started)
            let cpu = processCPUSeconds() - cpuBefore
            var posts = 0
            for sandbox in sandboxes { posts += await sandbox.state.count(A1111Routes.txt2imgName) }
            let peaks = count == 1 ? await single.peakRunning : await runner.pools.pool(for: endpoint).peakRunning
            print(String(format: "%7d  %9.2f  %4d  %5d  %10d  %24d  %14.2f", count, elapsed, done, posts, posts - done, peaks.values.max() ?? 0,
                cpu * 1000 / Double(jobs)))
            for sandbox in sandboxes { await sandbox.stop() }
            await transport.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        print("(cpu: this process, sandboxes included; the one-server row is the anchor)")
    }

    /// User plus system CPU time this process has used, in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

extension Sequence {
    /// `map` with an async transform, one element at a time.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
