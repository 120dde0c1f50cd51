import EaselCore
import EaselImage
import Foundation

/// Imports a ComfyUI server's past prompts (`GET /history`) into the history: one thread per
/// server, one entry per prompt (its guid the prompt id, its prompt and negative read from the
/// graph by `ComfyUIInputs`), the images as remote ones served by `/view` — fetched only when
/// the browser shows them. Prompts already imported, and the ones Easel queued itself (they are
/// in the history already), are skipped; a second sync costs one request.
public struct ComfyUIHistorySync: Sendable {
    /// What a sync did.
    public struct Report: Sendable, Hashable {
        public var imported = 0
        public var known = 0
        public var requests = 0
        public var failure: String?
    }

    public var store: HistoryStore
    public var sender: RequestSender
    public var endpoint: ProviderEndpoint
    /// How many of the latest prompts are asked for.
    public var maxItems: Int

    public init(store: HistoryStore, sender: RequestSender, endpoint: ProviderEndpoint, maxItems: Int = 1000) {
        self.store = store
        self.sender = sender
        self.endpoint = endpoint
        self.maxItems = maxItems
    }

    /// Runs the import.
    public func sync() async -> Report {
        var report = Report()
        let reply: IncomingResponse
        do {
            report.requests += 1
            reply = try await sender.send(
                ComfyUIWire.get("history?max_items=\(maxItems)", baseURL: endpoint.baseURL, credential: endpoint.credential),
                kind: .idempotent, maxBodyBytes: 256 << 20)
        } catch {
            report.failure = "GET /history failed: \(error)"
            return report
        }
        guard reply.isSuccess, case .object(let entries)? = JSONValue.parse(reply.body) else {
            report.failure = reply.isSuccess ? "the history is not a JSON object" : "GET /history answered HTTP \(reply.status)"
            return report
        }
        do {
            let host = URLComponents(string: endpoint.baseURL)?.host ?? endpoint.baseURL
            let thread = try store.upsertThread(
                provider: .comfyUI, guid: "history@\(endpoint.baseURL)", title: "ComfyUI history (\(TerminalText.oneLine(host, limit: 80)))",
                model: ComfyUITextToImage.modelID, created: Date())
            let skip = try store.entryGuids(thread: thread).union(try store.journalledTaskIDs(provider: .comfyUI))
            // In the server's order: the queue number each prompt had.
            let ordered = entries.keys.sorted { left, right in
                let l = entries[left]?["prompt"]?.arrayValue?.first?.doubleValue ?? 0
                let r = entries[right]?["prompt"]?.arrayValue?.first?.doubleValue ?? 0
                return (l, left) < (r, right)
            }
            for id in ordered where ComfyUIWire.isSafeID(id) {
                guard !skip.contains(id), let entry = entries[id] else {
                    report.known += 1
                    continue
                }
                try record(entry, id: id, thread: thread)
                report.imported += 1
            }
        } catch {
            report.failure = "could not record the history: \(error)"
        }
        return report
    }

    private func record(_ entry: JSONValue, id: String, thread: Int64) throws {
        var parts: [PromptPart] = []
        var images: [ComfyUIWire.OutputImage] = []
        var error: String?
        switch ComfyUIWire.historyStatus(Array(JSONValue.object([id: entry]).jsonText.utf8), promptID: id) {
        case .finished(let found, let graph?)?:
            images = found
            let inputs = ComfyUIInputs(finding: graph)
            func text(_ slots: [ComfyUIInputs.Slot]) -> String? {
                slots.lazy.compactMap { graph.input($0.node, $0.input)?.stringValue }.first { !$0.isEmpty }
            }
            if let positive = text(inputs.positive) { parts.append(PromptPart(positive)) }
            if let negative = text(inputs.negative) { parts.append(PromptPart(negative, weight: -1)) }
        case .finished(let found, nil)?: images = found
        case .failed(let line)?: error = line
        default: error = "not finished when synced"
        }
        let request = GenerationRequest(provider: .comfyUI, model: ComfyUITextToImage.modelID, parts: parts, settings: [:])
        let row = try store.recordEntry(
            thread: thread, guid: id, kind: .response, request: request, rawJSON: entry.jsonText, error: error)
        let remote = images.map {
            AIClientImage(url: ComfyUIWire.viewURL(baseURL: endpoint.baseURL, image: $0), thumbnailURL: nil, dimensions: nil, filesize: nil)
        }
        if !remote.isEmpty { try store.recordRemoteImages(entry: row, images: remote) }
    }
}
