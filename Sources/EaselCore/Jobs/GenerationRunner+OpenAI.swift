import EaselImage
import Foundation

extension GenerationRunner {
    /// OpenAI images: one POST whose reply carries the images inline or as URLs to fetch.
    func runOpenAI(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        // The catalog refuses these when resolving with the host; this catches callers that
        // resolved without one, so a retired model is never sent to the host that retired it.
        if let retired = request.model.retired, endpoint.host == retired.host {
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "model", message: retired.refusal(model: request.model.id))
            ]))
        }
        if request[.stream] == .boolean(true) {
            return try await runOpenAIStream(request, endpoint: endpoint, stem: stem, progress: progress)
        }
        progress(JobUpdate(state: .sending))
        let outgoing = OpenAIImagesWire.createImage(endpoint: endpoint, request: request)
        // Ten inline 4K images in base64 fit; anything larger is refused before it is decoded.
        let reply = try await sendOnce(outgoing, what: "the generation request", maxBodyBytes: 256 << 20)
        guard reply.isSuccess else {
            throw .rejected(status: reply.status, message: OpenAIImagesWire.errorLine(status: reply.status, body: reply.body))
        }
        guard let decoded = OpenAIImagesWire.decodeReply(reply.body) else {
            throw .badReply("the reply is not an ImagesResponse JSON object")
        }
        return try await saveReply(decoded, request: request, stem: stem, progress: progress)
    }

    /// Saves the images of a decoded `ImagesResponse` (inline or fetched) into a result; `task`
    /// names the provider task it answers (Ace Data Cloud's task mode), for the journal.
    func saveReply(
        _ decoded: OpenAIImagesWire.Reply, request: ResolvedRequest, task: RemoteTask? = nil, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard !decoded.data.isEmpty else { throw .badReply("the reply has no images") }
        var saved: [SavedImage] = []
        for (index, datum) in decoded.data.enumerated() {
            // The first report carries the reply, so the journal holds it before anything is saved.
            progress(JobUpdate(
                state: .downloading(done: index, total: decoded.data.count), task: task, reply: index == 0 ? decoded.journalled : nil))
            let name = "\(stem)-\(index + 1)"
            if let base64 = datum.base64 {
                saved.append(try save(try decodeBase64(base64), stem: name))
            } else if let url = datum.url {
                saved.append(try await store.download(url, stem: name, sender: sender))
            } else {
                throw .badReply("image \(index + 1) has neither url nor b64_json")
            }
        }
        let revised = decoded.data.compactMap(\.revisedPrompt).first.map { TerminalText.oneLine($0, limit: 4000) }
        var result = GenerationResult(
            provider: request.provider.id.rawValue, model: request.model.id, thread: nil, entry: nil, responseEntry: nil,
            revisedPrompt: revised, credits: decoded.credits, usage: decoded.usage, reply: decoded.record, images: saved,
            notices: request.notices)
        result.task = task
        return result
    }

    /// Finishes a job from the reply its journal kept (`OpenAIImagesWire.Reply.journalled`): its
    /// images are downloaded or decoded and saved, and nothing is sent to the provider again.
    public func resumeReply(
        _ request: ResolvedRequest, reply: JSONValue, task: RemoteTask? = nil, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        if request.provider.wire == .a1111 {
            guard let decoded = A1111Reply(journalled: reply) else {
                throw .badReply("the journalled reply can no longer be read (its inline images are gone)")
            }
            progress(JobUpdate(state: .downloading(done: 0, total: decoded.pictureIndices.count), task: task))
            var result = try saveA1111(decoded, request: request, task: task, stem: stem)
            result = stamped(result, request: request, startedAt: Date())
            progress(JobUpdate(state: .done, task: task))
            return result
        }
        guard let decoded = OpenAIImagesWire.Reply(journalled: reply) else {
            throw .badReply("the journalled reply can no longer be read (its inline images are gone)")
        }
        let started = Date()
        var result = try await saveReply(decoded, request: request, task: task, stem: stem, progress: progress)
        result = stamped(result, request: request, startedAt: started)
        progress(JobUpdate(state: .done, task: task))
        return result
    }
}
