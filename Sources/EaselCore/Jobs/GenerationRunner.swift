import EaselImage
import Foundation
internal import ExtrasBase64

/// Runs one generation end to end against a provider: send, wait, download, save. The provider's
/// wire format decides the flow (ai-client threads or OpenAI images); each flow lives in its own
/// extension.
public struct GenerationRunner: Sendable {
    public var sender: RequestSender
    public var store: ImageStore
    public var hub: ThreadPollHub
    /// Longest wait for an ai-client response.
    public var maxWait: Duration
    /// Ace Data Cloud's task mode: on or off, its callback receiver and its paced polls.
    public var aceTasks: AceTaskHub
    /// How long a streamed generation may go without progress, and in all.
    public var streamDeadlines = StreamDeadlines()
    /// The pools of servers jobs are spread over (providers with `urls = [...]`).
    public var pools = ServerPools()
    /// ComfyUI: the workflows folder, the WebSocket's opening time and the fallback's polls.
    public var comfyUI = ComfyUIOptions()

    public init(
        sender: RequestSender, store: ImageStore, hub: ThreadPollHub, maxWait: Duration = .seconds(1800),
        aceTasks: AceTaskHub? = nil
    ) {
        self.sender = sender
        self.store = store
        self.hub = hub
        self.maxWait = maxWait
        self.aceTasks = aceTasks ?? AceTaskHub(sender: sender)
    }

    /// Runs a checked request. `thread` reuses an ai-client thread instead of creating one;
    /// `stem` starts the saved files' names; `progress` hears every state change.
    public func run(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, thread: String? = nil, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let started = Date()
        var result: GenerationResult
        if endpoint.isPool {
            result = try await runPooled(request, endpoint: endpoint, thread: thread, stem: stem, progress: progress)
        } else {
            result = try await runFlow(request, endpoint: endpoint, thread: thread, stem: stem, progress: progress)
        }
        result = stamped(result, request: request, startedAt: started)
        progress(JobUpdate(state: .done, thread: result.thread, entry: result.entry))
        return result
    }

    /// The provider's flow against one server.
    func runFlow(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, thread: String?, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let result: GenerationResult
        switch request.provider.wire {
        case .aiClientThreads:
            result = try await runAIClient(request, endpoint: endpoint, thread: thread, stem: stem, progress: progress)
        case .openAIImages:
            result = try await runOpenAI(request, endpoint: endpoint, stem: stem, progress: progress)
        case .aceDataImages:
            result = try await runAceData(request, endpoint: endpoint, stem: stem, progress: progress)
        case .a1111:
            result = try await runA1111(request, endpoint: endpoint, stem: stem, progress: progress)
        case .comfyUI:
            result = try await runComfyUI(request, endpoint: endpoint, stem: stem, progress: progress)
        case .sdcpp:
            result = try await runSDCpp(request, endpoint: endpoint, stem: stem, progress: progress)
        }
        return result
    }

    /// Writes each saved image's generation parameters into its file. An image whose metadata
    /// cannot be written is kept as it is, with a notice saying so: the picture matters more.
    /// The result also says what was sent and, when it differs, what was composed.
    func stamped(_ result: GenerationResult, request: ResolvedRequest, startedAt: Date) -> GenerationResult {
        var result = result
        result.prompts = request.sentParts
        result.composedPrompts = request.request.parts == request.sentParts ? nil : request.request.parts
        // A seed the server reported stands; otherwise the one sent is the one it used.
        result.seed = result.seed ?? request[.seed]?.integerValue
        let finished = Date()
        for (index, image) in result.images.enumerated() {
            var record = ImageStore.record(for: image, index: index, of: result, request: request, startedAt: startedAt, finishedAt: finished)
            if let seeds = result.imageSeeds, index < seeds.count, let seed = seeds[index] {
                record.settings.removeAll { $0.name == SettingName.seed.rawValue }
                record.settings.append(EaselImageRecord.Setting(name: SettingName.seed.rawValue, value: String(seed)))
            }
            let infotext = result.serverInfotexts.flatMap { index < $0.count ? $0[index] : nil }
            do {
                let (updated, notes) = try store.embed(record, infotext: infotext, into: image)
                result.images[index] = updated
                result.notices += notes
            } catch {
                result.notices.append("metadata not written: \(error.description)")
            }
        }
        return result
    }

    /// Sends a POST that must not be repeated once it may have arrived, and sorts the outcome
    /// into the user's categories. `what` names it in messages.
    func sendOnce(_ request: OutgoingRequest, what: String, maxBodyBytes: Int = 16 << 20) async throws(GenerationError) -> IncomingResponse {
        let response: IncomingResponse
        do {
            response = try await sender.send(request, kind: .generation, maxBodyBytes: maxBodyBytes)
        } catch {
            if error.neverReachedServer {
                throw .network("\(what) never reached the server: \(error)")
            }
            if case .tooLarge = error {
                throw .badReply("the reply to \(what) is too large")
            }
            throw .outcomeUnknown(
                "\(what) was sent but \(error); it was not sent again, so it may or may not have been made")
        }
        if response.status == 502 || response.status == 504 {
            throw .outcomeUnknown(
                "\(what) got HTTP \(response.status) from a gateway; it was not sent again, so it may or may not have been made")
        }
        return response
    }

    /// Decodes base64 image data from a reply, bounded by the store's size limit.
    func decodeBase64(_ text: String) throws(GenerationError) -> [UInt8] {
        guard text.utf8.count / 4 * 3 <= store.maxBytes + 3 else {
            throw .badReply("an inline image is larger than the \(store.maxBytes)-byte limit")
        }
        // The fast decoder takes the plain base64 servers send; Foundation's, which skips line
        // breaks and other stray characters, is the fallback (DECISIONS: base64).
        if let bytes = try? Base64.decode(string: text) { return bytes }
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw .badReply("an inline image is not valid base64")
        }
        return Array(data)
    }

    /// Saves inline bytes, mapping store errors.
    func save(_ bytes: [UInt8], stem: String, verify: Bool = true) throws(GenerationError) -> SavedImage {
        do {
            return try store.save(bytes, stem: stem, verify: verify)
        } catch .notAnImage {
            throw .badReply("an inline image is not a PNG, JPEG or WebP image")
        } catch .broken(let why, let kept) {
            throw .badReply(ImageStoreError.broken(why, keptAt: kept).description)
        } catch {
            throw .storage(error.description)
        }
    }
}
