import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP server that takes Ace Data Cloud's completion callbacks (the POST the service
/// sends to a task's `callback_url`), for users who give Easel a public address. A job registers
/// its trace id before sending; the callback for it wakes the job, whichever of callback and
/// polling comes first. Everything else is refused: only a trace id Easel is waiting for (a random
/// one it chose and told no one but the service) is taken, and bodies are bounded.
public final class AceCallbackReceiver: Sendable {
    /// What a callback said about a task.
    public typealias Delivery = (task: RemoteTask, status: AceDataWire.TaskStatus)

    /// The port it listens on.
    public let port: Int
    /// `http://HOST:PORT/` as bound.
    public let localURL: String
    /// The URL sent as `callback_url`: the public address when one is configured, else `localURL`.
    public let callbackURL: String
    private let listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let serving: Mutex<Task<Void, Never>?>
    private let slots = Mutex(CallbackSlots())
    private let maxBodyBytes: Int

    private init(
        port: Int, localURL: String, callbackURL: String, maxBodyBytes: Int,
        listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    ) {
        self.port = port
        self.localURL = localURL
        self.callbackURL = callbackURL
        self.maxBodyBytes = maxBodyBytes
        self.listener = listener
        self.serving = Mutex(nil)
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
        let listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
        do {
            listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                            wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .cannotListen("\(host):\(port): \(error)")
        }
        guard let bound = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            throw .cannotListen("\(host):\(port): no local port")
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let local = "http://\(shownHost):\(bound)/"
        let receiver = AceCallbackReceiver(
            port: bound, localURL: local, callbackURL: publicURL ?? local, maxBodyBytes: maxBodyBytes, listener: listener)
        receiver.serving.withLock { $0 = Task { await receiver.serve() } }
        return receiver
    }

    /// Stops listening and closes open connections; jobs still waiting fall back on polling.
    public func stop() async {
        let task = serving.withLock { $0 }
        task?.cancel()
        try? await listener.channel.close()
        await task?.value
        let waiting = slots.withLock { $0.closeAll() }
        for continuation in waiting { continuation.resume(returning: nil) }
    }

    /// Callbacks that delivered a result to a waiting job, and callbacks that came for a job
    /// that already had its result (polling won) or came twice.
    public var counts: (accepted: Int, ignored: Int) {
        slots.withLock { ($0.accepted, $0.ignored) }
    }

    /// Starts accepting callbacks for `traceID`. Call it before sending the request: the service
    /// may call back before its reply to the request arrives.
    public func expect(_ traceID: String) {
        slots.withLock { $0.expect(traceID) }
    }

    /// Waits for the callback of `traceID`; nil when the receiver stops, the trace is not
    /// expected, or the waiting task is cancelled.
    public func wait(for traceID: String) async -> Delivery? {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Delivery?, Never>) in
                let ready = slots.withLock { slots -> Delivery?? in
                    slots.park(continuation, id: id, for: traceID, cancelled: Task.isCancelled)
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let parked = slots.withLock { $0.unpark(id, for: traceID) }
            parked?.resume(returning: nil)
        }
    }

    /// The job of `traceID` has its result (or gave up): a later callback for it is answered
    /// and ignored.
    public func finish(_ traceID: String) {
        let waiting = slots.withLock { $0.finish(traceID) }
        for continuation in waiting { continuation.resume(returning: nil) }
    }

    private func serve() async {
        try? await listener.executeThenClose { inbound in
            await withDiscardingTaskGroup { group in
                do {
                    for try await connection in inbound {
                        group.addTask { await self.handle(connection) }
                    }
                } catch {
                    // The listener closed: stop() is under way.
                }
                group.cancelAll()
            }
        }
    }

    /// How long one connection may take to send its request and get the answer.
    static let connectionTimeout: Duration = .seconds(30)

    /// Answers one request per connection and closes it: callbacks are rare, and a connection
    /// that outlives its one request (or dawdles over it) is only a way to hold resources.
    private func handle(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.serveOne(connection) }
            group.addTask { try? await Task.sleep(for: Self.connectionTimeout) }
            await group.next()
            group.cancelAll()
        }
        try? await connection.channel.close()
    }

    private func serveOne(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    body.clear()
                case .body(var chunk):
                    guard body.readableBytes + chunk.readableBytes <= maxBodyBytes else {
                        try await Self.respond(outbound, .payloadTooLarge, #"{"error":"the callback is too large"}"#)
                        return
                    }
                    body.writeBuffer(&chunk)
                case .end:
                    guard let head else { return }
                    let (status, text) = answer(head, Array(buffer: body))
                    try await Self.respond(outbound, status, text)
                    return
                }
            }
        }
    }

    private func answer(_ head: HTTPRequestHead, _ body: [UInt8]) -> (HTTPResponseStatus, String) {
        guard head.method == .POST else { return (.methodNotAllowed, #"{"error":"callbacks are POSTed"}"#) }
        guard let delivery = AceDataWire.decodeCallback(body) else {
            return (.badRequest, #"{"error":"not an Ace Data Cloud task callback"}"#)
        }
        let (verdict, woken) = slots.withLock { $0.deliver(delivery) }
        for continuation in woken { continuation.resume(returning: delivery) }
        switch verdict {
        case .accepted: return (.ok, #"{"received":true}"#)
        case .ignored: return (.ok, #"{"received":true,"ignored":true}"#)
        case .unknown: return (.notFound, #"{"error":"no such task is awaited here"}"#)
        }
    }

    private static func respond(
        _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, _ status: HTTPResponseStatus, _ text: String
    ) async throws {
        let buffer = ByteBuffer(string: text)
        let headers: HTTPHeaders = [
            "content-type": "application/json", "content-length": String(buffer.readableBytes), "connection": "close",
        ]
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        try await outbound.write(.body(.byteBuffer(buffer)))
        try await outbound.write(.end(nil))
    }
}

/// The receiver's book of awaited traces, guarded by its mutex. Continuations are handed back to
/// be resumed outside the lock.
private struct CallbackSlots {
    typealias Waiter = CheckedContinuation<AceCallbackReceiver.Delivery?, Never>

    /// What became of a callback.
    enum Verdict {
        case accepted, ignored, unknown
    }

    /// An awaited trace: its callback once it came, and the jobs waiting for it.
    struct Slot {
        var delivered: AceCallbackReceiver.Delivery?
        var waiters: [UUID: Waiter] = [:]
    }

    var pending: [String: Slot] = [:]
    /// Traces whose jobs are over, oldest first, so a late callback is told it arrived; bounded.
    var finished: [String] = []
    var finishedSet: Set<String> = []
    var accepted = 0
    var ignored = 0
    var closed = false

    mutating func expect(_ trace: String) {
        guard !closed, pending[trace] == nil else { return }
        pending[trace] = Slot()
    }

    /// Parks a waiter, or returns what it gets at once (`.some(nil)`: nothing will come).
    mutating func park(_ waiter: Waiter, id: UUID, for trace: String, cancelled: Bool) -> AceCallbackReceiver.Delivery?? {
        guard !cancelled, var slot = pending[trace] else { return .some(nil) }
        if let delivered = slot.delivered { return .some(delivered) }
        slot.waiters[id] = waiter
        pending[trace] = slot
        return .none
    }

    mutating func unpark(_ id: UUID, for trace: String) -> Waiter? {
        pending[trace]?.waiters.removeValue(forKey: id)
    }

    mutating func deliver(_ delivery: AceCallbackReceiver.Delivery) -> (Verdict, [Waiter]) {
        let trace = delivery.task.traceID
        if var slot = pending[trace] {
            guard slot.delivered == nil else {
                ignored += 1
                return (.ignored, [])
            }
            slot.delivered = delivery
            let woken = Array(slot.waiters.values)
            slot.waiters = [:]
            pending[trace] = slot
            accepted += 1
            return (.accepted, woken)
        }
        if finishedSet.contains(trace) {
            ignored += 1
            return (.ignored, [])
        }
        return (.unknown, [])
    }

    mutating func finish(_ trace: String) -> [Waiter] {
        guard let slot = pending.removeValue(forKey: trace) else { return [] }
        if finishedSet.insert(trace).inserted {
            finished.append(trace)
            if finished.count > 4096 { finishedSet.remove(finished.removeFirst()) }
        }
        return Array(slot.waiters.values)
    }

    mutating func closeAll() -> [Waiter] {
        closed = true
        defer { pending.removeAll() }
        return pending.values.flatMap { $0.waiters.values }
    }
}
