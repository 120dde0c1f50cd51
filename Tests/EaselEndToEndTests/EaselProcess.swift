import Foundation

/// Runs the built `easel` binary with a controlled environment and collects what it printed.
struct EaselProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `easel` binary next to the test bundle (or `EASEL_BIN`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["EASEL_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("easel")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/easel")
    }

    /// A fresh `EASEL_HOME` and an environment without any provider keys.
    static func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !["OPENAI_API_KEY", "AICLIENT_TOKEN", "OPENAI_BASE_URL", "AICLIENT_BASE_URL", "XDG_CONFIG_HOME"].contains(key)
                && !["AZURE_OPENAI_", "OPENAI_API_VERSION", "AIMLAPI_", "COMPATIBLE_"].contains { key.hasPrefix($0) }
        }
        environment["EASEL_HOME"] = home.path
        environment["EASEL_SANDBOX_DELAY"] = "0.2"
        return environment.merging(extra) { $1 }
    }

    static func temporaryHome() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("easel-e2e-\(UUID().uuidString)")
    }

    /// Runs to completion (killing it after `timeout` seconds) and returns status and output.
    /// The waiting happens on a thread of its own: blocking the few threads of Swift's
    /// cooperative pool — which on Linux is Dispatch's global queue, about one thread per core —
    /// would starve the in-process servers the child talks to, and every other test.
    static func run(_ arguments: [String], environment: [String: String], timeout: Double = 60) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try runBlocking(arguments, environment: environment, timeout: timeout) })
            }.start()
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], timeout: Double) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        Thread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        killer.cancel()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
