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

            --hostile puts a corpus of terminal escape sequences (OSC 52, OSC 8, CSI, DCS), C1 \
            controls, bidi overrides, invalid UTF-8 and very long strings into every string the \
            sandbox serves: titles, prompts, revised prompts, errors, task messages, URLs (percent-\
            encoded), server-sent events, non-JSON bodies. --seed picks the payloads.

            --faults PLAN makes requests fail: comma-separated KIND:PROBABILITY items, KIND one of \
            429 (with Retry-After), 500 (500/502/503), reset-before (the connection drops before the \
            request is handled), reset-after (handled, then dropped unanswered), stall (handled, \
            answered after stall-seconds), truncate (half the reply, then dropped), badjson (a 200 \
            with broken JSON). route=PREFIX items limit the faults to paths starting with PREFIX; \
            stall-seconds=N sets the stall (default 3). Draws follow --seed. Example: \
            --faults '429:0.05,500:0.05,reset-before:0.03,reset-after:0.03,stall:0.02,truncate:0.02,badjson:0.02' --seed 7. \
            With --faults, GET /_sandbox/stats answers JSON: requests, faults by kind, and per job \
            tag (the first sbx-XXXX in a POST's body) the POSTs that reached their handler by route, \
            whether a generation was accepted, and every duplicate.
            """)

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "Seconds a generation takes before its images are ready.")
    var delay: Double = 2

    @Option(help: "Accept only this bearer token (default: any non-empty token).")
    var token: String?

    @Flag(help: "Answer GET /api/v1/threads with 404, like a server without a thread list.")
    var noThreadList = false

    @Flag(help: "Put escape, control, bidi and invalid UTF-8 text into every string served.")
    var hostile = false

    @Option(help: "Fail requests as PLAN says (see above).")
    var faults: String?

    @Option(help: "Seed for --hostile's payloads and --faults' draws.")
    var seed: UInt64 = 1

    func validate() throws {
        if let faults {
            do { _ = try FaultPlan(parsing: faults) } catch { throw ValidationError("--faults: \(error)") }
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard delay >= 0, delay <= 3600 else { throw ValidationError("--delay must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        let server: SandboxServer
        do {
            var options = SandboxOptions(port: port, delay: delay, token: token, threadList: !noThreadList)
            options.hostileSeed = hostile ? seed : nil
            options.faults = try faults.map { try FaultPlan(parsing: $0) }
            options.faultSeed = seed
            server = try await SandboxServer.start(options)
        } catch {
            throw CLIFailure(message: "cannot start the sandbox on port \(port): \(error)", code: .network)
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

