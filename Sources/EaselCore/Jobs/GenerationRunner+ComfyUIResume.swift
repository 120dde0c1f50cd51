import Foundation

extension GenerationRunner {
    /// Picks up a ComfyUI prompt queued before Easel stopped: finds it by the id journalled before
    /// the POST (Easel's prompt id, also its client id, so servers that chose their own prompt id
    /// are searched by client id), waits while it is queued or running — over the WebSocket under
    /// the same client id, else by polling — and saves its images. Never queues it again.
    public func resumeComfyUI(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, task: RemoteTask, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let started = Date()
        var task = task
        var promptID = task.taskID ?? task.traceID
        progress(JobUpdate(state: .generating(ServerProgress(note: "looking for prompt \(promptID)")), task: task))
        var images = try await comfyHistory(promptID, endpoint: endpoint)
        if images == nil {
            let queue = try await comfyGet("queue", endpoint: endpoint)
            let found = ComfyUIWire.queueStatus(queue.body, promptID: promptID, clientID: task.traceID)
            if let id = found?.promptID {
                promptID = id
            } else if task.taskID == nil {
                // A server that chose its own prompt id: its history keeps our client id.
                let history = try await comfyGet("history?max_items=256", endpoint: endpoint)
                guard let id = ComfyUIWire.historyPrompt(history.body, clientID: task.traceID) else {
                    throw .outcomeUnknown(
                        "the ComfyUI server has no prompt \(task.traceID) queued, running or in its history: it was not queued (or the server was restarted), and it was not sent again")
                }
                promptID = id
            } else {
                // A prompt moves from the queue to the history only, so one that finished
                // between the two questions is in the history now; asked again, it is found.
                images = try await comfyHistory(promptID, endpoint: endpoint)
                guard images != nil else {
                    throw .outcomeUnknown(
                        "the ComfyUI server no longer knows prompt \(promptID) (restarted, or its history cleared); it was not sent again")
                }
            }
            task.taskID = promptID
            progress(JobUpdate(state: .generating(ServerProgress(note: "found prompt \(promptID)")), task: task))
            if images == nil { images = try await comfyHistory(promptID, endpoint: endpoint) }
        }
        var graph = ComfyUIGraph(nodes: [:])
        if images == nil {
            var socket: ComfyUISocket?
            var problem: String?
            if let url = ComfyUIWire.socketURL(baseURL: endpoint.baseURL, clientID: task.traceID) {
                switch await ComfyUISocket.open(url: url, timeout: comfyUI.socketTimeout) {
                case .success(let opened): socket = opened
                case .failure(let failure): problem = failure.reason
                }
            }
            var watch = ComfyUIPromptWatch(promptID: promptID, graph: graph)
            images = try await followComfyPrompt(
                &watch, socket: socket, socketProblem: problem, task: task, endpoint: endpoint, stem: stem, progress: progress)
        }
        // The graph that ran tells the seed.
        let entry = try await comfyGet("history/\(promptID)", endpoint: endpoint)
        if case .finished(_, let ran?)? = ComfyUIWire.historyStatus(entry.body, promptID: promptID) { graph = ran }
        var result = try await saveComfyImages(images ?? [], request: request, task: task, endpoint: endpoint, stem: stem, progress: progress)
        result.seed = ComfyUIInputs(finding: graph).seedValue(in: graph)
        result = stamped(result, request: request, startedAt: started)
        progress(JobUpdate(state: .done, task: task))
        return result
    }
}
