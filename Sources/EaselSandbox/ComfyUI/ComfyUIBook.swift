import EaselCore
import EaselImage
import Foundation

/// What the sandbox's ComfyUI holds: the queue (one prompt runs at a time, as on a real GPU),
/// the history, the saved files `/view` serves, the WebSocket clients by client id, and what
/// arrived, for tests.
public actor ComfyUIBook {
    /// One queued or finished prompt.
    struct Prompt: Sendable {
        var number: Int
        var id: String
        var graph: JSONValue
        var extraData: JSONValue
        var clientID: String?

        var queueItem: JSONValue {
            .array([.int(number), .string(id), graph, extraData, .array([])])
        }
    }

    private var number = 0
    private var pending: [Prompt] = []
    private var running: Prompt?
    private var history: [String: JSONValue] = [:]
    private var order: [String] = []
    private var files: [String: SandboxFile] = [:]
    private var sockets: [String: [UUID: AsyncStream<ComfyUISocketMessage>.Continuation]] = [:]
    private var interrupted: Set<String> = []
    private var working = false
    /// `POST /prompt` bodies as they arrived, oldest first.
    public private(set) var receivedPrompts: [JSONValue] = []
    /// `POST /interrupt` bodies, and the ids `POST /queue {"delete"}` took off the queue.
    public private(set) var interrupts: [JSONValue] = []
    public private(set) var deleted: [String] = []
    /// How many WebSocket connections were opened.
    public private(set) var socketsOpened = 0

    /// Set by `--hostile`: socket messages carry the corpus too.
    private var hostileSeed: UInt64?
    private var hostileMessages: UInt64 = 0

    init() {}

    /// Makes every text message sent from now on carry the `HostileCorpus` in its text fields.
    func makeHostile(seed: UInt64) { hostileSeed = seed }

    private func hostile(_ message: ComfyUISocketMessage) -> ComfyUISocketMessage {
        guard let seed = hostileSeed, case .text(let text) = message, let value = JSONValue.parse(Array(text.utf8)) else {
            return message
        }
        hostileMessages += 1
        var rewriter = HostileRewriter(seed: seed, reply: hostileMessages)
        return .text(rewriter.value(value, key: nil).jsonText)
    }

    func remember(_ body: JSONValue) {
        receivedPrompts.append(body)
        if receivedPrompts.count > 100 { receivedPrompts.removeFirst() }
    }

    /// Queues a checked prompt and returns its number.
    func enqueue(id: String, graph: JSONValue, extraData: JSONValue, clientID: String?, run: @escaping @Sendable (Prompt) async -> Void) -> Int {
        number += 1
        pending.append(Prompt(number: number, id: id, graph: graph, extraData: extraData, clientID: clientID))
        broadcastStatus()
        if !working {
            working = true
            Task { await self.work(run) }
        }
        return number
    }

    private func work(_ run: @escaping @Sendable (Prompt) async -> Void) async {
        while !pending.isEmpty {
            let next = pending.removeFirst()
            running = next
            await run(next)
            running = nil
            broadcastStatus()
        }
        working = false
    }

    func knows(_ id: String) -> Bool {
        running?.id == id || pending.contains { $0.id == id } || history[id] != nil
    }

    /// `/queue`'s `{queue_running, queue_pending}`.
    func queueJSON() -> JSONValue {
        .object(["queue_running": .array(running.map { [$0.queueItem] } ?? []), "queue_pending": .array(pending.map(\.queueItem))])
    }

    /// Takes prompts off the queue (`POST /queue {"delete"}`); `clear` takes them all.
    func delete(_ ids: [String], clear: Bool) {
        let gone = pending.filter { clear || ids.contains($0.id) }
        deleted += gone.map(\.id)
        pending.removeAll { clear || ids.contains($0.id) }
        broadcastStatus()
    }

    /// `POST /interrupt`: stops the running prompt (only the named one, when a prompt id is given).
    func interrupt(_ body: JSONValue) {
        interrupts.append(body)
        guard let running else { return }
        if let id = body["prompt_id"]?.stringValue, id != running.id { return }
        interrupted.insert(running.id)
    }

    func isInterrupted(_ id: String) -> Bool { interrupted.contains(id) }

    func finish(_ prompt: Prompt, outputs: JSONValue, status: String, messages: [JSONValue]) {
        history[prompt.id] = .object([
            "prompt": prompt.queueItem, "outputs": outputs,
            "status": .object(["status_str": .string(status), "completed": .bool(status == "success"), "messages": .array(messages)]),
            "meta": .object([:]),
        ])
        order.append(prompt.id)
    }

    /// `/history` (the latest `maxItems`) or `/history/{id}`.
    func historyJSON(id: String?, maxItems: Int?) -> JSONValue {
        if let id { return .object(history[id].map { [id: $0] } ?? [:]) }
        let ids = maxItems.map { Array(order.suffix(max(0, $0))) } ?? order
        var picked: [String: JSONValue] = [:]
        for id in ids { picked[id] = history[id] }
        return .object(picked)
    }

    func store(_ file: SandboxFile, name: String, subfolder: String, type: String) {
        files["\(type)/\(subfolder)/\(name)"] = file
    }

    func file(name: String, subfolder: String, type: String) -> SandboxFile? {
        files["\(type)/\(subfolder)/\(name)"]
    }

    // MARK: WebSocket clients

    /// Registers a WebSocket client; its messages arrive on the stream until `disconnect`.
    func connect(clientID: String) -> (UUID, AsyncStream<ComfyUISocketMessage>) {
        let (stream, continuation) = AsyncStream<ComfyUISocketMessage>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let key = UUID()
        sockets[clientID, default: [:]][key] = continuation
        socketsOpened += 1
        continuation.yield(.text(statusMessage(sid: clientID)))
        return (key, stream)
    }

    func disconnect(clientID: String, key: UUID) {
        sockets[clientID]?.removeValue(forKey: key)?.finish()
    }

    /// Sends a message to one client id's connections (ComfyUI sends a prompt's events only to
    /// the client that queued it).
    func send(_ message: ComfyUISocketMessage, to clientID: String?) {
        guard let clientID else { return }
        let message = hostile(message)
        for continuation in (sockets[clientID] ?? [:]).values { continuation.yield(message) }
    }

    /// `status` goes to every client.
    private func broadcastStatus() {
        for (clientID, connections) in sockets {
            for continuation in connections.values { continuation.yield(.text(statusMessage(sid: clientID))) }
        }
    }

    private func statusMessage(sid: String) -> String {
        let remaining = pending.count + (running == nil ? 0 : 1)
        return JSONValue.object([
            "type": .string("status"),
            "data": .object(["status": .object(["exec_info": .object(["queue_remaining": .int(remaining)])]), "sid": .string(sid)]),
        ]).jsonText
    }
}
