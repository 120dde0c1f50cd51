import EaselCore
import Foundation

/// Mirrors ai-client threads into the history: discovers threads from the server's thread list
/// when it has one (falling back quietly to the threads already known when it answers 404 or
/// 405), fetches the entries of threads that changed, and records them with their JSON kept
/// verbatim.
///
/// Incremental: with a thread list, a thread whose `updated_at` is not newer than what is stored
/// costs no request; without one, each known thread costs one. Bounded: at most `concurrency`
/// requests at once. Resumable: each thread is written whole, with its entries and images, in a
/// transaction of up to `batchSize` threads, so an interrupted sync leaves the threads of
/// committed batches done and the others untouched, and the next sync fetches only those.
public struct ThreadSync: Sendable {
    /// Progress after each thread.
    public struct Progress: Sendable, Hashable {
        public var done: Int
        public var total: Int
        public var requests: Int
    }

    /// What a sync did.
    public struct Report: Sendable, Hashable {
        /// Whether the server has a thread list.
        public var listAvailable = false
        /// Threads first seen in this sync.
        public var discovered = 0
        /// Threads whose entries were fetched.
        public var fetched = 0
        /// Threads skipped because they had not changed.
        public var unchanged = 0
        /// Threads on the server that were deleted here, and left out.
        public var deletedHere = 0
        /// Requests sent.
        public var requests = 0
        /// Threads that could not be synced, with why.
        public var failures: [String] = []
    }

    public var store: HistoryStore
    public var sender: RequestSender
    public var baseURL: String
    public var token: String
    public var concurrency: Int

    /// Creates a sync against one ai-client endpoint.
    public init(store: HistoryStore, sender: RequestSender, baseURL: String, token: String, concurrency: Int = 8) {
        self.store = store
        self.sender = sender
        self.baseURL = baseURL
        self.token = token
        self.concurrency = max(1, concurrency)
    }

    /// A thread to fetch, with what the list said of it (nil without a list).
    struct Target: Sendable {
        var guid: String
        var listed: AIClientThread?
    }

    /// Syncs every thread; `progress` hears after each one.
    public func sync(progress: @escaping @Sendable (Progress) -> Void = { _ in }) async -> Report {
        var report = Report()
        var targets: [Target] = []
        let listing = await listThreads()
        report.requests += 1
        switch listing {
        case .listed(let threads):
            report.listAvailable = true
            // A thread with an entry still waiting changes when its response arrives, which a
            // server need not count as an update of the thread; those are always fetched.
            let waiting = (try? store.guidsWithWaitingEntries(provider: .aiClient)) ?? []
            let known = (try? store.updatedByGuid(provider: .aiClient)) ?? [:]
            let deleted = (try? store.deletedGuids(provider: .aiClient)) ?? []
            for thread in threads {
                if deleted.contains(thread.guid) {
                    report.deletedHere += 1
                    continue
                }
                let stored = known[thread.guid]
                if stored == nil { report.discovered += 1 }
                if let stored, !waiting.contains(thread.guid), let updated = AIClientWire.date(thread.updatedAt), stored >= updated {
                    report.unchanged += 1
                    continue
                }
                targets.append(Target(guid: thread.guid, listed: thread))
            }
        case .unavailable:
            targets = knownGuids().map { Target(guid: $0, listed: nil) }
        case .failed(let why):
            report.failures.append("the thread list: \(why)")
            targets = knownGuids().map { Target(guid: $0, listed: nil) }
        }
        let total = targets.count
        var done = 0
        var batch: [Fetched] = []
        let clock = ContinuousClock()
        var lastFlush = clock.now
        // Fetched threads are written in batches (each thread whole, one transaction per batch):
        // a durable commit per thread would make the disk, not the network, the limit. A slow
        // server still sees its threads committed at least every half second.
        func flush() {
            lastFlush = clock.now
            for (guid, failure) in write(batch) {
                report.fetched -= 1
                report.failures.append("thread \(guid): \(failure)")
            }
            batch.removeAll(keepingCapacity: true)
        }
        await withTaskGroup(of: Result<Fetched, FetchFailure>.self) { group in
            var pending = targets[...]
            func startNext() {
                guard let target = pending.popFirst() else { return }
                group.addTask { await download(target) }
            }
            for _ in 0..<min(concurrency, pending.count) { startNext() }
            for await outcome in group {
                done += 1
                report.requests += 1
                switch outcome {
                case .success(let fetched):
                    report.fetched += 1
                    batch.append(fetched)
                    if batch.count >= Self.batchSize || clock.now - lastFlush >= .milliseconds(500) { flush() }
                case .failure(let failure):
                    report.failures.append("thread \(failure.guid): \(failure.reason)")
                }
                progress(Progress(done: done, total: total, requests: report.requests))
                startNext()
            }
        }
        flush()
        return report
    }

    /// Threads written per transaction.
    static let batchSize = 100

    /// Adds one thread by guid (made elsewhere, or deleted here and wanted back) and fetches its
    /// entries.
    public func importThread(_ guid: String) async -> String? {
        switch await download(Target(guid: guid, listed: nil)) {
        case .failure(let failure): return failure.reason
        case .success(let fetched): return write([fetched]).first?.reason
        }
    }

    /// A thread's entries as fetched, with each entry's JSON as the server wrote it.
    struct Fetched: Sendable {
        var target: Target
        var entries: [AIClientEntry]
        var raw: [String]
    }

    /// Why a thread could not be fetched.
    struct FetchFailure: Error {
        var guid: String
        var reason: String
    }

    /// Records fetched threads in one transaction; if that fails, one by one, so a single bad
    /// thread costs only itself. Returns the threads that could not be recorded.
    private func write(_ batch: [Fetched]) -> [(guid: String, reason: String)] {
        guard !batch.isEmpty else { return [] }
        do {
            try store.transaction {
                for fetched in batch { try recordThread(fetched.target, entries: fetched.entries, raw: fetched.raw) }
            }
            return []
        } catch {
            return batch.compactMap { fetched in
                do {
                    try store.transaction { try recordThread(fetched.target, entries: fetched.entries, raw: fetched.raw) }
                    return nil
                } catch {
                    return (fetched.target.guid, String(describing: error))
                }
            }
        }
    }

    enum Listing {
        case listed([AIClientThread])
        case unavailable
        case failed(String)
    }

    private func listThreads() async -> Listing {
        do {
            let reply = try await sender.send(AIClientWire.listThreads(baseURL: baseURL, token: token), kind: .idempotent, maxBodyBytes: 64 << 20)
            if reply.status == 404 || reply.status == 405 { return .unavailable }
            guard reply.isSuccess else { return .failed("HTTP \(reply.status)") }
            guard let threads = AIClientWire.decodeThreadList(reply.body) else { return .failed("not the documented JSON") }
            return .listed(threads)
        } catch {
            return .failed(error.description)
        }
    }

    private func knownGuids() -> [String] {
        var guids: [String] = []
        var offset = 0
        while let page = try? store.threads(matching: ThreadFilter(provider: .aiClient), limit: 1000, offset: offset), !page.isEmpty {
            guids += page.compactMap(\.guid)
            offset += page.count
        }
        return guids
    }

    /// Fetches one thread's entries.
    private func download(_ target: Target) async -> Result<Fetched, FetchFailure> {
        let reply: IncomingResponse
        do {
            reply = try await sender.send(
                AIClientWire.listEntries(baseURL: baseURL, token: token, thread: target.guid), kind: .idempotent, maxBodyBytes: 64 << 20)
        } catch {
            return .failure(FetchFailure(guid: target.guid, reason: error.description))
        }
        guard reply.isSuccess else {
            return .failure(FetchFailure(guid: target.guid, reason: reply.status == 404 ? "not found on the server" : "HTTP \(reply.status)"))
        }
        guard let entries = AIClientWire.decodeEntries(reply.body),
            let slices = JSONArraySlicer.elements(ofMember: "data", in: reply.body), slices.count == entries.count
        else { return .failure(FetchFailure(guid: target.guid, reason: "the entries are not the documented JSON")) }
        return .success(Fetched(target: target, entries: entries, raw: slices.map { String(decoding: $0, as: UTF8.self) }))
    }

    private func recordThread(_ target: Target, entries: [AIClientEntry], raw: [String]) throws {
        let model = target.listed?.aiVersionCode ?? AIClientWire.model(inferredFrom: entries)
        let created = AIClientWire.date(target.listed?.createdAt) ?? entries.compactMap { AIClientWire.date($0.createdAt) }.min() ?? Date()
        // Without a thread list the server's title is unknown; a thread new here is named after
        // its first prompt rather than left blank (a known thread keeps its title).
        let known = try store.threadID(provider: .aiClient, guid: target.guid) != nil
        let firstPrompt = entries.first { $0.isRequest }.map { AIClientWire.request(fromContent: $0.content, model: model) }?
            .positiveParts.first.map { TerminalText.oneLine($0.text, limit: 80) }
        let title = target.listed?.title ?? (known ? nil : firstPrompt)
        let thread = try store.upsertThread(
            provider: .aiClient, guid: target.guid, title: title, model: model, created: created, updated: created)
        for (entry, json) in zip(entries, raw) {
            let id = try store.recordEntry(
                thread: thread, guid: entry.guid, kind: entry.isRequest ? .request : .response,
                request: entry.isRequest ? AIClientWire.request(fromContent: entry.content, model: model) : nil,
                rawJSON: json, waiting: entry.waitingResponse, error: entry.error, credits: entry.credits,
                created: AIClientWire.date(entry.createdAt))
            let images = entry.images
            if !images.isEmpty {
                try store.recordRemoteImages(entry: id, images: images)
            }
        }
        let updated = AIClientWire.date(target.listed?.updatedAt)
            ?? entries.compactMap { AIClientWire.date($0.createdAt) }.max() ?? created
        _ = try store.upsertThread(provider: .aiClient, guid: target.guid, title: title, model: model, created: created, updated: updated)
    }
}
