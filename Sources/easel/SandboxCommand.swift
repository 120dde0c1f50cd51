import ArgumentParser
import EaselSandbox
import Foundation

/// `easel sandbox`: runs the local provider server in the foreground.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the built-in sandbox server (ai-client threads API, OpenAI, Azure OpenAI, AI/ML API and Ace Data Cloud images) on 127.0.0.1.",
        discussion: """
            Point a client at it with AICLIENT_BASE_URL=http://127.0.0.1:PORT/api/v1, \
            OPENAI_BASE_URL (or COMPATIBLE_BASE_URL)=http://127.0.0.1:PORT/v1, \
            AZURE_OPENAI_ENDPOINT=http://127.0.0.1:PORT, AIMLAPI_BASE_URL=http://127.0.0.1:PORT/aimlapi/v1 \
            or ACEDATA_BASE_URL=http://127.0.0.1:PORT, and any non-empty token. Azure prompts \
            containing [blocked], [blocked:output], [blocked:policy] or [blocked:chat] get its \
            content-filter refusals; AI/ML API prompts containing [no-credits] its 403.
            """)

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "Seconds a generation takes before its images are ready.")
    var delay: Double = 2

    @Option(help: "Accept only this bearer token (default: any non-empty token).")
    var token: String?

    @Flag(help: "Answer GET /api/v1/threads with 404, like a server without a thread list.")
    var noThreadList = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard delay >= 0, delay <= 3600 else { throw ValidationError("--delay must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        let server: SandboxServer
        do {
            server = try await SandboxServer.start(SandboxOptions(port: port, delay: delay, token: token, threadList: !noThreadList))
        } catch {
            throw CLIFailure(message: "cannot start the sandbox on port \(port): \(error)", code: 4)
        }
        // Written unbuffered so a parent process reading the pipe sees the port at once.
        FileHandle.standardOutput.write(Data("listening on \(server.origin)\n".utf8))
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { Foundation.exit(0) }
            source.resume()
            SignalSources.keep(source)
        }
        try await server.wait()
    }
}

/// Keeps signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func keep(_ source: any DispatchSourceSignal) {
        sources.append(source)
    }
}

