import EaselCore
import Foundation

extension Bench {
    /// A 16-image edit upload (`--upload-mib` each, 20 by default) streamed from the files to a
    /// local sink: peak RSS while sending and throughput, beside two anchors measured in the same
    /// run — reading the same files (the disk's speed) and curl uploading them as a multipart
    /// form (a plain client's speed).
    static func editUpload(images: Int = 16, mebibytes: Int = 20) async throws {
        print("\n## Edit upload: \(images) × \(mebibytes) MiB streamed from disk (target: peak RSS well under 100 MiB)")
        print("what                      seconds  MiB_per_s  peak_rss_mib")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SystemRandomNumberGenerator()
        var paths: [String] = []
        for index in 0..<images {
            let path = directory.appendingPathComponent("input-\(index).png").path
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            for _ in 0..<mebibytes {
                handle.write(Data((0..<(1 << 20) / 8).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }))
            }
            try handle.close()
            paths.append(path)
        }
        let total = Double(images * mebibytes)
        func report(_ what: String, _ seconds: Double, _ rss: Double?) {
            let rssText = rss.map { String(format: "%12.1f", $0) } ?? "           -"
            print(what.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "  %7.2f  %9.1f  ", seconds, total / seconds) + rssText)
        }
        // Anchor 1: reading the files.
        PeakMemory.reset()
        var started = Date()
        for path in paths {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            while let chunk = try handle.read(upToCount: 256 << 10), !chunk.isEmpty {}
            try handle.close()
        }
        report("read the files", Date().timeIntervalSince(started), PeakMemory.mebibytes())
        let sink = try UploadSink()
        // Easel: the edit request as `easel edit` sends it.
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .openAI, model: "gpt-image-1.5", parts: [PromptPart("bench")]), operation: .edit).get()
        let inputs = paths.map { path in
            InputImage(role: .image, path: path, sha256: "", format: .png, width: 1, height: 1, bytes: mebibytes << 20, hasAlpha: false)
        }
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: "http://127.0.0.1:\(sink.port)/v1", credential: Credential(secret: "bench", source: "bench"))
        let transport = AsyncHTTPTransport()
        PeakMemory.reset()
        started = Date()
        let reply = try await transport.send(OpenAIImagesWire.editRequest(endpoint: endpoint, request: request, images: inputs, mask: nil), maxBodyBytes: 1 << 20)
        report("easel edit upload", Date().timeIntervalSince(started), PeakMemory.mebibytes())
        await transport.shutdown()
        if reply.status != 200 { print("(the sink answered \(reply.status))") }
        // Anchor 2: curl, a separate process (its RSS is not ours to read).
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-o", "/dev/null", "-H", "Expect:", "-F", "prompt=bench"]
            + paths.flatMap { ["-F", "image[]=@\($0);type=image/png"] } + ["http://127.0.0.1:\(sink.port)/v1/images/edits"]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") {
            started = Date()
            try curl.run()
            curl.waitUntilExit()
            report("curl -F (anchor)", Date().timeIntervalSince(started), nil)
        }
    }
}

/// The process's peak resident memory (`VmHWM`), resettable through `/proc/self/clear_refs`.
enum PeakMemory {
    static func reset() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }

    static func mebibytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kib / 1024
    }
}
