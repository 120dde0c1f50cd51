import Foundation

extension GenerationRunner {
    /// stable-diffusion.cpp's sd-server: ask what the loaded model can do, check the request
    /// against it, submit the job, journal its id, then poll it until it completes and save the
    /// images. Cancelling the Swift task cancels the job at the server when it can still be
    /// cancelled (sd-server cannot stop a job it is generating).
    func runSDCpp(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        progress(JobUpdate(state: .sending))
        let capabilities = try await sdcppCapabilities(endpoint)
        let (problems, loras) = capabilities.check(request)
        guard problems.isEmpty else { throw .invalid(ValidationFailure(problems: problems)) }
        return try await submitSDCppJob(request, endpoint: endpoint, loras: loras, stem: stem, progress: progress)
    }

    /// Submits one `img_gen` job (with an init image and mask for edits), journals its id and
    /// collects it: the path generations and edits share.
    func submitSDCppJob(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, loras: [(path: String, multiplier: Double)],
        initImage: [UInt8]? = nil, mask: [UInt8]? = nil, stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        // sd-server picks a random seed for -1 but reports it only inside the image files, so
        // Easel picks it: the seed is then known, journalled and recorded whatever comes back.
        let asked = request[.seed]?.integerValue ?? -1
        let seed = asked >= 0 ? asked : Int.random(in: 0...Int(Int32.max))
        var task = RemoteTask(sdcppSeed: seed)
        progress(JobUpdate(state: .sending, task: task))
        let route = "POST /sdcpp/v1/img_gen"
        let reply = try await sendOnce(
            SDCppWire.createImage(endpoint: endpoint, request: request, seed: seed, loras: loras, initImage: initImage, mask: mask),
            what: "the job (\(route))")
        guard reply.isSuccess else {
            throw .rejected(status: reply.status, message: SDCppWire.errorLine(status: reply.status, body: reply.body, route: route, baseURL: endpoint.baseURL))
        }
        guard let id = SDCppWire.decodeAccepted(reply.body) else {
            throw .outcomeUnknown("sd-server accepted the job (\(route)) but named no usable job id; it was not sent again")
        }
        task.taskID = id
        progress(JobUpdate(state: .generating(SDCppJob.queued(ahead: nil).progress), task: task))
        return try await collectSDCppJob(request, endpoint: endpoint, task: task, stem: stem, progress: progress)
    }

    /// Picks up an sd-server job whose id the journal kept: polls it and saves its images. The
    /// job is never submitted again.
    public func resumeSDCpp(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, task: RemoteTask, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard let id = task.taskID, SDCppWire.isJobID(id) else {
            throw .outcomeUnknown("Easel stopped before sd-server named the job's id; it may or may not have been made, and it was not sent again")
        }
        let started = Date()
        progress(JobUpdate(state: .generating(SDCppJob.queued(ahead: nil).progress), task: task))
        var result = try await collectSDCppJob(request, endpoint: endpoint, task: task, stem: stem, progress: progress)
        result = stamped(result, request: request, startedAt: started)
        progress(JobUpdate(state: .done, task: task))
        return result
    }

    /// `GET /sdcpp/v1/capabilities`, decoded; a 404 is an sd-server without the native API.
    /// The GET is idempotent and nothing has been sent yet, so a body garbled on the way (a
    /// proxy, a restarting server) is asked for again, three times in all.
    func sdcppCapabilities(_ endpoint: ProviderEndpoint) async throws(GenerationError) -> SDCppCapabilities {
        let route = "GET /sdcpp/v1/capabilities"
        for attempt in 1...3 {
            let reply: IncomingResponse
            do {
                reply = try await sender.send(SDCppWire.capabilities(endpoint: endpoint), kind: .idempotent, maxBodyBytes: 4 << 20)
            } catch {
                throw .network("sd-server at \(TerminalText.oneLine(endpoint.baseURL, limit: 120)) did not answer \(route): \(error)")
            }
            guard reply.isSuccess else {
                let line = SDCppWire.errorLine(status: reply.status, body: reply.body, route: route, baseURL: endpoint.baseURL)
                throw reply.status == 404 ? .configuration(line) : .rejected(status: reply.status, message: line)
            }
            if let capabilities = SDCppWire.decodeCapabilities(reply.body) { return capabilities }
            guard attempt < 3 else { break }
            do { try await Task.sleep(for: .milliseconds(150 * attempt)) } catch { throw .cancelled }
        }
        throw .badReply("sd-server's answer to \(route) is not a JSON object (asked 3 times)")
    }

    /// Polls the job on the task poll cadence until it ends, reporting its state; saves the
    /// images of a completed job. Cancelling the Swift task asks the server to cancel the job.
    private func collectSDCppJob(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, task: RemoteTask, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let id = task.taskID ?? ""
        let route = "GET /sdcpp/v1/jobs/\(id)"
        let clock = ContinuousClock()
        let started = clock.now
        var last: SDCppJob?
        var unreadable = 0
        while true {
            if Task.isCancelled { try await cancelSDCppJob(endpoint: endpoint, id: id) }
            let reply: IncomingResponse
            do {
                // Ten 4K PNGs in base64 fit; anything larger is refused before it is decoded.
                reply = try await sender.send(SDCppWire.job(endpoint: endpoint, id: id), kind: .idempotent, maxBodyBytes: 256 << 20)
            } catch {
                if Task.isCancelled { try await cancelSDCppJob(endpoint: endpoint, id: id) }
                if case .tooLarge = error { throw .badReply("sd-server's answer to \(route) is too large") }
                throw .network("sd-server did not answer \(route): \(error); job \(id) may still finish there (easel resume collects it)")
            }
            guard reply.isSuccess else {
                let line = SDCppWire.errorLine(status: reply.status, body: reply.body, route: route, baseURL: endpoint.baseURL)
                switch reply.status {
                case 404: throw .outcomeUnknown("\(line): sd-server no longer knows job \(id) (restarted?), so its images are lost")
                case 410: throw .outcomeUnknown("\(line): job \(id) finished too long ago and sd-server dropped its images")
                default: throw .rejected(status: reply.status, message: line)
                }
            }
            // A poll is idempotent, and a body garbled on the way (a proxy, a restarting server)
            // says nothing about the job: it counts as a failed poll; four in a row end it.
            if let job = SDCppWire.decodeJob(reply.body) {
                unreadable = 0
                switch job {
                case .queued, .generating:
                    if job != last { progress(JobUpdate(state: .generating(job.progress), task: task)) }
                    last = job
                case .completed(let images, _):
                    return try await saveSDCppImages(images, request: request, task: task, stem: stem, progress: progress)
                case .failed(let code, let message):
                    throw .rejected(status: 200, message: "sd-server's job \(id) failed" + (code.map { " (\($0))" } ?? "") + ": " + message)
                case .cancelled(let message):
                    throw .rejected(status: 200, message: "sd-server's job \(id) was cancelled" + (message.map { ": " + $0 } ?? ""))
                }
            } else {
                unreadable += 1
                guard unreadable < 4 else { throw .badReply("sd-server's answer to \(route) is not a job with a known status") }
            }
            let waited = clock.now - started
            do {
                try await Task.sleep(for: aceTasks.schedule.interval(afterWaiting: waited.inSeconds))
            } catch {
                try await cancelSDCppJob(endpoint: endpoint, id: id)
            }
            if waited > maxWait {
                throw .outcomeUnknown("sd-server's job \(id) did not finish within \(Int(maxWait.inSeconds)) s; easel resume can collect it later")
            }
        }
    }

    /// Asks sd-server to cancel the job, then ends as cancelled. sd-server cancels only queued
    /// jobs (409 for one it is generating, which then runs to its end there); either way Easel
    /// stops waiting, and nothing is sent again.
    private func cancelSDCppJob(endpoint: ProviderEndpoint, id: String) async throws(GenerationError) -> Never {
        // This task is cancelled, which would stop the request at once: it runs in one that is not.
        let sender = self.sender
        _ = await Task.detached {
            try? await sender.send(SDCppWire.cancel(endpoint: endpoint, id: id), kind: .generation, maxBodyBytes: 1 << 20)
        }.value
        throw .cancelled
    }

    /// Decodes (bounded) and saves a completed job's images, reporting the first save with the
    /// job so the journal keeps it.
    private func saveSDCppImages(
        _ images: [String], request: ResolvedRequest, task: RemoteTask, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard !images.isEmpty else { throw .badReply("sd-server's completed job \(task.taskID ?? "") has no images") }
        var saved: [SavedImage] = []
        for (index, base64) in images.enumerated() {
            progress(JobUpdate(state: .downloading(done: index, total: images.count), task: task))
            saved.append(try save(try decodeBase64(base64), stem: "\(stem)-\(index + 1)"))
        }
        var result = GenerationResult(provider: request.provider.id.rawValue, model: request.model.id, images: saved, notices: request.notices)
        result.task = task
        result.seed = task.sdcppSeed
        return result
    }
}
