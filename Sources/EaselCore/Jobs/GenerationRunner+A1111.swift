import Foundation

extension GenerationRunner {
    /// AUTOMATIC1111: one txt2img POST that blocks until the images are made, with the progress
    /// endpoint polled alongside for steps and live previews. The job's `force_task_id` is
    /// journalled before the POST (as its `RemoteTask`), so a restart knows which job to look
    /// for; the POST is never sent twice. A cancelled job interrupts the server only when the
    /// server is running this job.
    func runA1111(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let task = Self.newA1111Task()
        let outgoing = try A1111Wire.txt2img(endpoint: endpoint, request: request, taskID: task.traceID)
        return try await runA1111Job(outgoing, route: "txt2img", request: request, task: task, endpoint: endpoint, stem: stem, progress: progress)
    }

    /// A fresh `force_task_id`, Easel's own so the progress endpoint can tell our job from others'.
    static func newA1111Task() -> RemoteTask { RemoteTask(traceID: "easel-" + UUID().uuidString.lowercased()) }

    /// The one path of every A1111 job, txt2img and img2img alike (only the route and the body
    /// differ): the task reported (and so journalled) before the POST, which is sent once, with
    /// progress and previews polled alongside; a cancel interrupts only our own job; the reply's
    /// images saved with the server's infotext and seeds.
    func runA1111Job(
        _ outgoing: OutgoingRequest, route: String, request: ResolvedRequest, task: RemoteTask, endpoint: ProviderEndpoint,
        stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        progress(JobUpdate(state: .sending, task: task))
        let watch = A1111ProgressWatch(
            runner: self, endpoint: endpoint, taskID: task.traceID, stem: stem, interval: a1111PollInterval, progress: progress)
        let polling = Task { await watch.run() }
        let outcome: Result<IncomingResponse, GenerationError>
        do throws(GenerationError) {
            // As for OpenAI: a big batch of large PNGs fits; more is refused before it is decoded.
            outcome = .success(try await sendOnce(outgoing, what: "the \(route) request", maxBodyBytes: 256 << 20))
        } catch {
            outcome = .failure(error)
        }
        polling.cancel()
        await polling.value
        defer { watch.discardPreviews() }
        if Task.isCancelled {
            // A fresh task: this one is cancelled, and the interrupt must still go out.
            let note = await Task { await interruptA1111(endpoint: endpoint, taskID: task.traceID, watch: watch) }.value
            sender.logger.notice("a1111 job \(task.traceID) cancelled: \(note)")
            progress(JobUpdate(state: .generating(ServerProgress(note: note)), task: task))
            throw .cancelled
        }
        let response = try outcome.get()
        guard response.isSuccess else {
            throw .rejected(
                status: response.status,
                message: A1111Wire.errorLine(status: response.status, body: response.body, host: endpoint.host ?? endpoint.baseURL, route: route))
        }
        guard let reply = A1111Wire.decodeReply(response.body) else {
            throw .badReply("the reply to the \(route) request is not a JSON object with an images list")
        }
        progress(JobUpdate(state: .downloading(done: 0, total: reply.pictureIndices.count), task: task, reply: reply.journalled))
        return try saveA1111(reply, request: request, task: task, stem: stem)
    }

    /// How often the progress endpoint is asked while a job runs.
    var a1111PollInterval: Duration { .milliseconds(750) }

    /// Saves the pictures of a reply (not the grid in front of them), with the server's real
    /// seeds and its infotext for each file's `parameters` chunk; `info` is kept verbatim in the
    /// result's reply.
    func saveA1111(_ reply: A1111Reply, request: ResolvedRequest, task: RemoteTask?, stem: String) throws(GenerationError) -> GenerationResult {
        let indices = reply.pictureIndices
        guard !indices.isEmpty else { throw .badReply("the reply has no images") }
        var saved: [SavedImage] = []
        var infotexts: [String?] = []
        var seeds: [Int?] = []
        for index in indices {
            let base64 = reply.images[index]
            guard !base64.isEmpty else { throw .badReply("image \(index + 1) of the reply is empty") }
            saved.append(try save(try decodeBase64(base64), stem: "\(stem)-\(saved.count + 1)"))
            infotexts.append(reply.infotext(ofImage: index))
            seeds.append(reply.seed(ofImage: index))
        }
        var result = GenerationResult(
            provider: request.provider.id.rawValue, model: request.model.id, reply: reply.record, images: saved, notices: request.notices)
        result.task = task
        result.seed = seeds.compactMap { $0 }.first ?? reply.info.seed
        result.imageSeeds = seeds
        result.serverInfotexts = infotexts
        return result
    }

    /// Stops the server's job when it is this one, and says what was done, in one line.
    func interruptA1111(endpoint: ProviderEndpoint, taskID: String, watch: A1111ProgressWatch) async -> String {
        let now = await watch.poll()
        let ours: Bool
        switch now?.isRunning(taskID) {
        case true?: ours = true
        case false?:
            return now?.busy == true
                ? "the server is running another job, so it was not interrupted; this job may still run after it"
                : "the server is not running this job (it finished or never started), so nothing was interrupted"
        case nil:
            // A server that does not name its task: ours only if a poll saw it busy while we waited.
            ours = now?.busy == true && watch.sawOurJob
            if !ours {
                return now?.busy == true
                    ? "the server does not say whose job it is running, so it was not interrupted"
                    : "the server is idle, so nothing was interrupted"
            }
        }
        guard ours, let request = try? A1111Wire.interruptRequest(endpoint: endpoint) else { return "nothing was interrupted" }
        do {
            let response = try await sender.send(request, kind: .idempotent, maxBodyBytes: 64 << 10)
            return response.isSuccess ? "the server was told to stop this job (interrupt)" : "the server refused the interrupt (HTTP \(response.status))"
        } catch {
            return "the interrupt did not reach the server: \(error)"
        }
    }
}
