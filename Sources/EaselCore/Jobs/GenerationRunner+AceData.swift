import Foundation

extension GenerationRunner {
    /// Ace Data Cloud: one POST answered with the images (synchronous), or — in the task mode —
    /// with a task id, the images following by poll or callback. The task mode's trace id is
    /// reported (and so journalled) before the POST, so a job cut off at any point is found again
    /// by it and never sent twice. The request's `async` setting picks the mode; without it, the
    /// hub's (`--async`, or `async` in the config).
    func runAceData(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let token = try aceToken(endpoint)
        guard request[.async]?.booleanValue ?? aceTasks.asynchronous else {
            progress(JobUpdate(state: .sending))
            let reply = try await sendAceGeneration(AceDataWire.createImage(baseURL: endpoint.baseURL, token: token, request: request))
            guard let images = AceDataWire.decodeImages(reply.body) else {
                throw .badReply("the reply is not an ImagesResponse JSON object")
            }
            return try await saveReply(images, request: request, stem: stem, progress: progress)
        }
        // The secret is journalled with the trace id (the update below), before the request that
        // carries it in its callback address is sent.
        var task = RemoteTask(traceID: UUID().uuidString.lowercased(), callbackSecret: AceCallbackAddress.newSecret())
        progress(JobUpdate(state: .sending, task: task))
        aceTasks.receiver?.expect(task)
        let reply: IncomingResponse
        do throws(GenerationError) {
            reply = try await sendAceGeneration(AceDataWire.createImage(
                baseURL: endpoint.baseURL, token: token, request: request, callbackURL: aceTasks.callbackURL(for: task),
                traceID: task.traceID))
        } catch {
            // Sent, but no usable answer: the trace id finds the task if the service made one.
            if case .outcomeUnknown = error {
                return try await collectAceTask(request, endpoint: endpoint, token: token, task: task, byTrace: true, stem: stem, progress: progress)
            }
            aceTasks.receiver?.finish(task.traceID)
            throw error
        }
        // A service that answers at once with the images (no task made) is taken at its word.
        if let images = AceDataWire.decodeImages(reply.body) {
            aceTasks.receiver?.finish(task.traceID)
            return try await saveReply(images, request: request, task: task, stem: stem, progress: progress)
        }
        guard let taskID = AceDataWire.decodeTaskID(reply.body) else {
            aceTasks.receiver?.finish(task.traceID)
            throw .outcomeUnknown(
                "the reply to the generation request names no task_id; a task with trace id \(task.traceID) may exist, and it was not sent again")
        }
        task.taskID = taskID
        return try await collectAceTask(request, endpoint: endpoint, token: token, task: task, byTrace: false, stem: stem, progress: progress)
    }

    /// Picks up an Ace task whose request was sent (or may have been) before Easel stopped: finds
    /// it by its trace id, waits for its result and saves the images. Never posts the generation
    /// again.
    public func resumeAceData(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, task: RemoteTask, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let token = try aceToken(endpoint)
        let started = Date()
        aceTasks.receiver?.expect(task)
        var result = try await collectAceTask(request, endpoint: endpoint, token: token, task: task, byTrace: true, stem: stem, progress: progress)
        result = stamped(result, request: request, startedAt: started)
        progress(JobUpdate(state: .done, task: task))
        return result
    }

    private func aceToken(_ endpoint: ProviderEndpoint) throws(GenerationError) -> String {
        guard let token = endpoint.credential?.secret else {
            throw .configuration("acedata needs a token: set ACEDATA_TOKEN or add it to the config file")
        }
        return token
    }

    /// Waits for the task's images (poll or callback, whichever has them first) and saves them.
    private func collectAceTask(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, token: String, task: RemoteTask, byTrace: Bool, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        progress(JobUpdate(state: .waiting(pollCount: 0, nextPoll: aceTasks.schedule.interval(afterWaiting: 0)), task: task))
        let images = try await aceTasks.waitForTask(
            task, baseURL: endpoint.baseURL, token: token, maxWait: maxWait, byTrace: byTrace
        ) { polls, next in
            progress(JobUpdate(state: .waiting(pollCount: polls, nextPoll: next), task: task))
        }
        return try await saveReply(images, request: request, task: task, stem: stem, progress: progress)
    }

    /// Sends the generation POST once; an error reply becomes its documented message (a 502 or
    /// 504 after sending is an unknown outcome: the image may still be made).
    private func sendAceGeneration(_ outgoing: OutgoingRequest) async throws(GenerationError) -> IncomingResponse {
        let reply: IncomingResponse
        do {
            // Ten inline 4K images in base64 fit; anything larger is refused before it is decoded.
            reply = try await sender.send(outgoing, kind: .generation, maxBodyBytes: 256 << 20)
        } catch {
            if error.neverReachedServer { throw .network("the generation request never reached the server: \(error)") }
            if case .tooLarge = error { throw .badReply("the reply to the generation request is too large") }
            throw .outcomeUnknown(
                "the generation request was sent but \(error); it was not sent again, so it may or may not have been made")
        }
        guard reply.isSuccess else {
            let message = AceDataWire.errorLine(status: reply.status, body: reply.body)
            if reply.status == 502 || reply.status == 504 { throw .outcomeUnknown(message) }
            throw .rejected(status: reply.status, message: message)
        }
        return reply
    }
}
