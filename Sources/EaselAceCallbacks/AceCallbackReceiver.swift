import EaselCore
import Foundation
import Hummingbird
import Logging
import Synchronization

/// Takes Ace Data Cloud's completion callbacks (the POST the service sends to a task's
/// `callback_url`) for users who give Easel a public address: one Hummingbird route.
///
/// Every job's callback address carries its trace id and a per-job secret
/// (`AceCallbackAddress`); a POST whose address does not carry an awaited trace with its secret
/// is refused before its body is read and touches no job. A verified callback only wakes its
/// job, which then asks Ace for the result (`AceTaskHub`): the body is a hint, never the result.
public final class AceCallbackReceiver: AceCallbackInbox {
    /// The port it listens on.
    public let port: Int
    /// `http://HOST:PORT/` as bound.
    public let localURL: String
    /// The address callbacks go to, before a job's trace and secret are added: the public address
    /// when one is configured, else `localURL`.
    public let callbackURL: String
    private let route: AceCallbackRoute
    private let serving: Task<Void, any Error>

    private init(port: Int, localURL: String, callbackURL: String, route: AceCallbackRoute, serving: Task<Void, any Error>) {
        self.port = port
        self.localURL = localURL
        self.callbackURL = callbackURL
        self.route = route
        self.serving = serving
    }

    /// Why the receiver could not start.
    public enum StartError: Error, Sendable, CustomStringConvertible {
        case cannotListen(String)

        public var description: String {
            switch self {
            case .cannotListen(let why): "cannot listen for callbacks: \(why)"
            }
        }
    }

    /// Listens on `host:port` (port 0: any free one). `publicURL` is the address the service can
    /// reach, when it is not the bound one (a tunnel or reverse proxy in front). Callbacks larger
    /// than `maxBodyBytes` are refused; the job then gets its images by polling.
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, publicURL: String? = nil, maxBodyBytes: Int = 64 << 20
    ) async throws(StartError) -> AceCallbackReceiver {
        let router = Router()
        let route = AceCallbackRoute(maxBodyBytes: maxBodyBytes)
        // Any path: a reverse proxy in front may forward the public path as it is.
        router.post("/", use: route.answer)
        router.post("**", use: route.answer)
        var logger = Logger(label: "easel.ace-callbacks")
        logger.logLevel = .warning
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            // A connection that dawdles is only a way to hold resources.
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname(host, port: port), serverName: "easel-callbacks"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger)
        let serving = Task {
            defer { portSink.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else {
            let why: String
            do {
                try await serving.value
                why = "the server stopped"
            } catch {
                why = "\(error)"
            }
            throw .cannotListen("\(host):\(port): \(why)")
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let local = "http://\(shownHost):\(bound)/"
        return AceCallbackReceiver(port: bound, localURL: local, callbackURL: publicURL ?? local, route: route, serving: serving)
    }

    public func stop() async {
        serving.cancel()
        _ = try? await serving.value
        let waiting = route.book.withLock { $0.closeAll() }
        for continuation in waiting { continuation.resume(returning: nil) }
    }

    /// Callbacks that delivered a result to a waiting job, and verified callbacks that came for a
    /// job that already had its result (polling won) or came twice. Refused ones count in neither.
    public var counts: (accepted: Int, ignored: Int) {
        route.book.withLock { ($0.accepted, $0.ignored) }
    }

    public func expect(_ task: RemoteTask) {
        route.book.withLock { $0.expect(task) }
    }

    public func wait(for traceID: String) async -> AceCallbackDelivery? {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<AceCallbackDelivery?, Never>) in
                let ready = route.book.withLock { book -> AceCallbackDelivery?? in
                    book.park(continuation, id: id, for: traceID, cancelled: Task.isCancelled)
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let parked = route.book.withLock { $0.unpark(id, for: traceID) }
            parked?.resume(returning: nil)
        }
    }

    public func finish(_ traceID: String) {
        let waiting = route.book.withLock { $0.finish(traceID) }
        for continuation in waiting { continuation.resume(returning: nil) }
    }
}
