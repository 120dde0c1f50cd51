import Foundation

extension GenerationRunner {
    /// ai-client: create a thread (unless given), post a request entry, wait for the response
    /// entry, download its images.
    func runAIClient(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, thread given: String?, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard let token = endpoint.credential?.secret else {
            throw .configuration("ai-client needs a token: set AICLIENT_TOKEN or add it to the config file")
        }
        progress(JobUpdate(state: .sending, thread: given))
        let thread: String
        if let given {
            thread = given
        } else {
            thread = try await openThread(for: request, endpoint: endpoint)
        }
        progress(JobUpdate(state: .sending, thread: thread))
        let reply = try await sendOnce(
            AIClientWire.createEntry(baseURL: endpoint.baseURL, token: token, thread: thread, request: request),
            what: "the request entry")
        guard reply.isSuccess else { throw Self.rejection(reply) }
        guard let entry = AIClientWire.decodeEntry(reply.body) else {
            throw .outcomeUnknown("the reply to the request entry is not the documented JSON; it may have been made in thread \(thread)")
        }
        if let error = entry.error { throw .rejected(status: reply.status, message: error) }
        return try await collectAIClient(request, endpoint: endpoint, token: token, thread: thread, entry: entry.guid, stem: stem, progress: progress)
    }

    /// Picks up an ai-client job whose request entry was already posted (Easel stopped while it
    /// waited): polls the thread for the response and downloads the images. Never posts again.
    public func resumeAIClient(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, thread: String, entry: String, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard let token = endpoint.credential?.secret else {
            throw .configuration("ai-client needs a token: set AICLIENT_TOKEN or add it to the config file")
        }
        let started = Date()
        var result = try await collectAIClient(request, endpoint: endpoint, token: token, thread: thread, entry: entry, stem: stem, progress: progress)
        result = stamped(result, request: request, startedAt: started)
        progress(JobUpdate(state: .done, thread: thread, entry: entry))
        return result
    }

    /// Waits for the response to `entry` and saves its images.
    private func collectAIClient(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, token: String, thread: String, entry: String, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        progress(JobUpdate(state: .waiting(pollCount: 0, nextPoll: .milliseconds(500)), thread: thread, entry: entry))
        let answered: (request: AIClientEntry, response: AIClientEntry)
        do {
            answered = try await hub.waitForResponse(
                baseURL: endpoint.baseURL, token: token, thread: thread, entry: entry, maxWait: maxWait
            ) { polls, next in
                progress(JobUpdate(state: .waiting(pollCount: polls, nextPoll: next), thread: thread, entry: entry))
            }
        } catch let error as GenerationError {
            throw error
        } catch {
            throw .cancelled
        }
        let images = answered.response.images
        guard !images.isEmpty else { throw .badReply("the response entry has no images") }
        var saved: [SavedImage] = []
        for (index, image) in images.enumerated() {
            progress(JobUpdate(state: .downloading(done: index, total: images.count), thread: thread, entry: entry))
            saved.append(try await store.download(
                image.url, stem: "\(stem)-\(index + 1)", thumbnailURL: image.thumbnailURL, sender: sender))
        }
        return GenerationResult(
            provider: request.provider.id.rawValue, model: request.model.id, thread: thread, entry: entry,
            responseEntry: answered.response.guid, revisedPrompt: nil, credits: answered.response.credits, usage: nil,
            images: saved, notices: request.notices)
    }

    /// Creates an ai-client thread for the request's model (`ai_version_code`) and returns its
    /// guid. The studio calls this once and shares the thread among its jobs, so they share one
    /// poll loop.
    public func openThread(for request: ResolvedRequest, endpoint: ProviderEndpoint) async throws(GenerationError) -> String {
        guard let token = endpoint.credential?.secret else {
            throw .configuration("ai-client needs a token: set AICLIENT_TOKEN or add it to the config file")
        }
        let reply = try await sendOnce(
            AIClientWire.createThread(baseURL: endpoint.baseURL, token: token, aiVersionCode: request.model.id),
            what: "creating the thread")
        guard reply.isSuccess else { throw Self.rejection(reply) }
        guard let created = AIClientWire.decodeThread(reply.body) else {
            throw .badReply("the new thread is not the documented JSON")
        }
        return created.guid
    }

    /// An error reply of the threads API (Laravel-style `{"message": …}`) as a rejection.
    static func rejection(_ reply: IncomingResponse) -> GenerationError {
        .rejected(status: reply.status, message: ServerMessage.extract(from: reply.body) ?? "the reply gave no readable reason")
    }
}
