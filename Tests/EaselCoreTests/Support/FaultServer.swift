import NIOCore
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 whose answer to each request is scripted, for testing how a
/// client retries and fails: it can answer, hang up, reset, cut a body short, or never answer.
///
/// Steps are taken one per complete request, in arrival order across all connections; a request
/// is recorded before its step runs, so a test can count exactly what reached the server even
/// when the client saw only an error.
///
/// ```swift
/// let server = try await FaultServer.start(script: [.resetAfterRequest, .respond(status: 200)])
/// defer { Task { try await server.stop() } }
/// ```
final class FaultServer: Sendable {
    /// Why the server could not start.
    enum StartError: Error {
        /// The bound socket reported no port, which would leave tests nowhere to connect.
        case noLocalPort
    }

    /// The TCP port the OS picked on 127.0.0.1.
    let port: Int
    private let listener: any Channel
    private let ledger: FaultLedger

    private init(port: Int, listener: any Channel, ledger: FaultLedger) {
        self.port = port
        self.listener = listener
        self.ledger = ledger
    }

    /// The URL prefix to point a client at, e.g. `http://127.0.0.1:41234`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts a server that answers the n-th request with `script[n]`, and with `fallback`
    /// once the script has run out.
    static func start(
        script: [FaultStep], fallback: FaultStep = .scriptExhausted
    ) async throws -> FaultServer {
        try await start(routes: [(pathPrefix: "", steps: script)], fallback: fallback)
    }

    /// Starts a server that scripts each path prefix separately, e.g. resets on `POST /v1/`
    /// while serving image bytes on `/storage/`.
    ///
    /// A request takes the next step of the first route whose prefix its path (query included)
    /// starts with; an unmatched request, or one whose route has run out, gets `fallback`.
    static func start(
        routes: [(pathPrefix: String, steps: [FaultStep])], fallback: FaultStep = .scriptExhausted
    ) async throws -> FaultServer {
        let ledger = FaultLedger(routes: routes, fallback: fallback)
        // The shared singleton group is never shut down, so a test cannot leak threads by
        // forgetting `stop()`; it only leaks the socket until the process exits.
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { connection in
                guard ledger.adopt(connection) else { return connection.close() }
                connection.closeFuture.whenComplete { _ in ledger.release(connection) }
                return connection.eventLoop.makeCompletedFuture {
                    try connection.pipeline.syncOperations.addHandler(
                        FaultConnectionHandler(ledger: ledger))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = listener.localAddress?.port else {
            try? await listener.close()
            throw StartError.noLocalPort
        }
        return FaultServer(port: port, listener: listener, ledger: ledger)
    }

    /// Every complete request received so far, in arrival order.
    func received() async -> [ReceivedRequest] {
        ledger.received
    }

    /// Waits until at least `count` requests have been received and returns them all, so a
    /// test can act after a stalled or failed request without sleeping. Returns early with
    /// fewer if the server stops or the waiting task is cancelled.
    func waitForRequests(_ count: Int) async -> [ReceivedRequest] {
        await ledger.waitForRequests(count: count)
    }

    /// How many TCP connections the server has accepted, for asserting connection reuse.
    func acceptedConnections() async -> Int {
        ledger.acceptedConnections
    }

    /// Closes the listening socket and every open connection, including stalled ones. Safe to
    /// call more than once.
    func stop() async throws {
        let open = ledger.stopAccepting()
        do {
            try await listener.close()
        } catch ChannelError.alreadyClosed {
            // A second stop() finds the listener closed already; that is the state it wants.
        }
        for connection in open {
            // A connection may close by itself between being listed and being closed here.
            try? await connection.close()
        }
    }
}
