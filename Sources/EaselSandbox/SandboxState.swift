import EaselCore
import EaselImage
import Foundation

/// Everything the sandbox remembers: threads, entries, painted files and how many requests of
/// each kind it received (tests count POSTs with it).
public actor SandboxState {
    private var threads: [String: SandboxThread] = [:]
    private var files: [String: SandboxFile] = [:]
    var counts: [String: Int] = [:]
    private var painted: Set<String> = []
    private var paintWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var received: [SandboxReceivedRequest] = []
    /// Ace Data Cloud tasks (the task mode).
    public let aceTasks = AceTaskBook()
    /// The AUTOMATIC1111 worker (one job at a time, progress, interrupts).
    public let a1111 = A1111Desk()
    /// ComfyUI's queue, history, files and WebSocket clients.
    public let comfyUI = ComfyUIBook()
    /// The fault plan's work and the generations accepted per job tag (`GET /_sandbox/stats`).
    public let stats = SandboxStats()
    /// Every event of a streamed generation, when its writing began (see `SandboxState+Stream`).
    var streamed: [StreamedEvent] = []

    init() {}

    /// How many requests of a route were received (`create-thread`, `create-entry`,
    /// `list-threads`, `list-entries`, `openai-generate`, `storage`), valid or not.
    public func count(_ route: String) -> Int { counts[route, default: 0] }

    /// When the response to a request entry became visible to pollers, if it has.
    public func completionTime(ofEntry entry: String) -> Date? {
        for thread in threads.values {
            if let found = thread.entries.first(where: { $0.guid == entry }) { return found.completedAt }
        }
        return nil
    }

    func record(_ route: String) { counts[route, default: 0] += 1 }

    /// The requests of a route kept in full (Azure's and AI/ML API's generations), oldest first.
    public func receivedRequests(_ route: String) -> [SandboxReceivedRequest] { received.filter { $0.route == route } }

    /// Keeps a request for `receivedRequests`; only the latest 100 are kept.
    func remember(_ request: SandboxReceivedRequest) {
        received.append(request)
        if received.count > 100 { received.removeFirst(received.count - 100) }
    }

    /// Returns once the images of a request entry are painted (tests wait on this instead of
    /// sleeping).
    public func waitUntilPainted(entry: String) async {
        if painted.contains(entry) { return }
        await withCheckedContinuation { paintWaiters[entry, default: []].append($0) }
    }

    func createThread(aiVersionCode: String, aiCode: String, title: String, now: Date) -> SandboxThread {
        let thread = SandboxThread(
            guid: UUID().uuidString.lowercased(), aiCode: aiCode, aiVersionCode: aiVersionCode, title: title,
            createdAt: now, updatedAt: now)
        threads[thread.guid] = thread
        return thread
    }

    func thread(_ guid: String) -> SandboxThread? { threads[guid] }

    func storeThread(_ thread: SandboxThread) { threads[thread.guid] = thread }

    /// Every thread, most recently updated first, as the thread list shows them.
    func threadsJSON() -> [JSONValue] {
        threads.values.sorted { ($0.updatedAt, $0.guid) > ($1.updatedAt, $1.guid) }.map(\.json)
    }

    func addEntry(_ entry: SandboxEntry, to thread: String) {
        threads[thread]?.entries.append(entry)
        threads[thread]?.updatedAt = entry.createdAt
    }

    /// Stores painted images for an entry; its response becomes visible at its due time.
    func attach(_ images: [SandboxImage], files newFiles: [String: SandboxFile], entry: String, thread: String) {
        for (path, file) in newFiles { files[path] = file }
        guard let index = threads[thread]?.entries.firstIndex(where: { $0.guid == entry }) else { return }
        threads[thread]?.entries[index].images = images
        let due = threads[thread]?.entries[index].dueAt ?? Date()
        threads[thread]?.entries[index].completedAt = max(due, Date())
        painted.insert(entry)
        for waiter in paintWaiters.removeValue(forKey: entry) ?? [] { waiter.resume() }
    }

    func entriesJSON(thread guid: String, now: Date) -> [JSONValue]? {
        guard let thread = threads[guid] else { return nil }
        return thread.entries.flatMap { $0.json(thread: guid, now: now) }
    }

    func store(_ newFiles: [String: SandboxFile]) {
        for (path, file) in newFiles { files[path] = file }
    }

    func file(_ path: String) -> SandboxFile? { files[path] }
}
