import Foundation

extension GenerationRunner {
    /// Follows a queued prompt until `/history` lists its images. With a socket, its messages
    /// drive the progress (steps, the node running, previews); the history is still checked after
    /// a long silence, in case the finishing message was missed. Without one, or once it drops,
    /// `/history` and `/queue` are polled (the queue giving the position) and the progress note
    /// says so; a socket that dropped is reopened now and then. Cancelling stops the prompt on
    /// the server.
    func followComfyPrompt(
        _ watch: inout ComfyUIPromptWatch, socket: ComfyUISocket?, socketProblem: String?, task: RemoteTask, endpoint: ProviderEndpoint,
        stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> [ComfyUIWire.OutputImage] {
        do {
            return try await followComfyLoop(
                &watch, socket: socket, socketProblem: socketProblem, task: task, endpoint: endpoint, stem: stem, progress: progress)
        } catch {
            // However the wait ended, a cancelled job stops its prompt on the server.
            guard Task.isCancelled else { throw error }
            await stopComfyPrompt(watch.promptID, endpoint: endpoint)
            throw .cancelled
        }
    }

    private func followComfyLoop(
        _ watch: inout ComfyUIPromptWatch, socket: ComfyUISocket?, socketProblem: String?, task: RemoteTask, endpoint: ProviderEndpoint,
        stem: String, progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> [ComfyUIWire.OutputImage] {
        let promptID = watch.promptID
        var socket = socket
        var note = socketProblem.map { "no live progress (WebSocket: \($0)); polling" }
        var previews = ComfyUIPreviews(stem: stem)
        defer { previews.discard(); socket?.close() }
        let started = ContinuousClock.now
        var lastHistoryCheck = ContinuousClock.now
        var polls = 0
        func report(_ server: ServerProgress, partial: PartialImage? = nil) {
            var server = server
            if let note { server.note = [server.note, note].compactMap { $0 }.joined(separator: " · ") }
            progress(JobUpdate(state: .generating(server), task: task, partialImage: partial))
        }
        report(ServerProgress(note: "queued"))
        while true {
            if Task.isCancelled { throw .cancelled }
            if ContinuousClock.now - started > maxWait {
                throw .network("the prompt \(promptID) did not finish within \(Int(maxWait.inSeconds)) s; it is still on the server")
            }
            if let live = socket {
                let signal = await live.next(within: comfyUI.pollInterval * 2)
                switch signal {
                case .event(let event)?:
                    switch watch.take(event) {
                    case .nothing: break
                    case .progress(let server): report(server)
                    case .preview(let format, let bytes):
                        if let partial = previews.keep(bytes, format: format, store: store) { report(watch.current, partial: partial) }
                    case .finished:
                        if let images = try await comfyHistory(promptID, endpoint: endpoint) { return images }
                        // ComfyUI may say "done" a moment before its history has the entry:
                        // nothing more will come over the socket, so the history is polled.
                        live.close()
                        socket = nil
                        note = nil
                    case .failed(let line): throw Self.comfyFailure(line)
                    case .interrupted: throw Self.comfyFailure("the prompt was interrupted on the server")
                    }
                case .closed(let why)?:
                    socket = nil
                    live.close()
                    note = "live progress lost (\(why)); polling"
                    report(watch.current)
                case .opened?, nil:
                    // Silence: make sure the end was not missed.
                    if ContinuousClock.now - lastHistoryCheck > comfyUI.pollInterval * 10 {
                        lastHistoryCheck = .now
                        if let images = try await comfyHistory(promptID, endpoint: endpoint) { return images }
                    }
                }
                continue
            }
            // Polling.
            do {
                try await Task.sleep(for: polls == 0 ? .milliseconds(100) : comfyUI.pollInterval)
            } catch {
                continue
            }
            polls += 1
            if let images = try await comfyHistory(promptID, endpoint: endpoint) { return images }
            if let queue = try? await comfyGet("queue", endpoint: endpoint),
                let (status, _) = ComfyUIWire.queueStatus(queue.body, promptID: promptID, clientID: task.traceID)
            {
                switch status {
                case .running: report(ServerProgress(queuePosition: 0, note: "running"))
                case .pending(let ahead): report(ServerProgress(queuePosition: ahead, note: "queued"))
                case .absent:
                    // Between the queue and the history, or gone: the next history check says.
                    break
                }
            }
            // A socket that dropped may come back (the server restarted, a proxy timed out).
            if socketProblem == nil, polls % 10 == 0, let url = ComfyUIWire.socketURL(baseURL: endpoint.baseURL, clientID: task.traceID),
                case .success(let reopened) = await ComfyUISocket.open(url: url, timeout: .seconds(2))
            {
                socket = reopened
                note = nil
            }
        }
    }

    /// The prompt's images once `/history` lists it as finished; nil while it does not.
    func comfyHistory(_ promptID: String, endpoint: ProviderEndpoint) async throws(GenerationError) -> [ComfyUIWire.OutputImage]? {
        let reply = try await comfyGet("history/\(promptID)", endpoint: endpoint)
        switch ComfyUIWire.historyStatus(reply.body, promptID: promptID) {
        case nil: throw .badReply("the history of prompt \(promptID) is not a JSON object")
        case .absent?: return nil
        case .finished(let images, _)?: return images
        case .failed(let line)?: throw Self.comfyFailure(line)
        }
    }

    /// A prompt that failed while running: the server's own error, as HTTP 500 would be.
    static func comfyFailure(_ line: String) -> GenerationError {
        .rejected(status: 500, message: line)
    }

    /// Stops a prompt on the server for a cancelled job: takes it off the queue when it waits
    /// there, interrupts it when it runs. Runs on a task of its own, since the job's task is
    /// cancelled, and gives up after a few seconds: the job ends either way.
    func stopComfyPrompt(_ promptID: String, endpoint: ProviderEndpoint) async {
        let sender = sender
        let stopping = Task {
            let queue = try? await sender.send(ComfyUIWire.get("queue", baseURL: endpoint.baseURL, credential: endpoint.credential), kind: .idempotent)
            let status = queue.flatMap { ComfyUIWire.queueStatus($0.body, promptID: promptID, clientID: promptID) }
            let request: OutgoingRequest
            switch status?.status {
            case .pending?: request = ComfyUIWire.deleteFromQueue(baseURL: endpoint.baseURL, credential: endpoint.credential, promptID: status?.promptID ?? promptID)
            case .running?, nil:
                request = ComfyUIWire.interrupt(baseURL: endpoint.baseURL, credential: endpoint.credential, promptID: status?.promptID ?? promptID)
            case .absent?: return
            }
            _ = try? await sender.send(request, kind: .idempotent)
        }
        let timeout = Task {
            try? await Task.sleep(for: .seconds(5))
            stopping.cancel()
        }
        _ = await stopping.value
        timeout.cancel()
    }
}
