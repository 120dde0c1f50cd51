import EaselImage
import Foundation

extension GenerationRunner {
    /// ComfyUI: fills the workflow (the built-in one or a saved API-format graph) from the
    /// request, queues it once with `POST /prompt` under an id Easel chose and journalled first
    /// (as client id and prompt id), follows it over the WebSocket — or by polling when there is
    /// none — and saves the images `/history` lists, fetched from `/view`. Cancelling takes the
    /// prompt off the server's queue, or interrupts it when it runs.
    func runComfyUI(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let base = endpoint.baseURL
        guard URL(string: base)?.host != nil else {
            throw .configuration("comfyui needs a server: set COMFYUI_BASE_URL (e.g. http://127.0.0.1:8188) or [comfyui] base_url")
        }
        let (workflow, builtIn) = try ComfyUIWorkflowFile.load(model: request.model.id, folder: comfyUI.workflowFolder)
        var inputs = ComfyUIInputs(finding: workflow)
        if !builtIn, let mapping = comfyUI.mappings[request.model.id] {
            inputs = try inputs.overridden(by: mapping, in: workflow, workflow: request.model.id)
        }
        var request = request
        let filled = try await fillComfyGraph(workflow, inputs: inputs, request: &request, builtIn: builtIn, endpoint: endpoint)
        return try await queueComfyGraph(
            filled.graph, request: request, seed: filled.seed, notices: filled.notices, endpoint: endpoint, stem: stem, progress: progress)
    }

    /// The run once the graph is filled, shared by generations and edits: queues it once with
    /// `POST /prompt` under an id journalled first (as client id and prompt id), with the
    /// WebSocket opened before so no message is missed, follows it, and saves its images.
    func queueComfyGraph(
        _ graph: ComfyUIGraph, request: ResolvedRequest, seed: Int, notices: [String], endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let base = endpoint.baseURL
        var task = RemoteTask(traceID: UUID().uuidString.lowercased())
        progress(JobUpdate(state: .sending, task: task))
        // The socket opens first, so no message about the prompt can be missed.
        var socket: ComfyUISocket?
        var socketProblem: String?
        if let url = ComfyUIWire.socketURL(baseURL: base, clientID: task.traceID) {
            switch await ComfyUISocket.open(url: url, timeout: comfyUI.socketTimeout) {
            case .success(let opened): socket = opened
            case .failure(let failure): socketProblem = failure.reason
            }
        } else {
            socketProblem = "the base URL has no WebSocket form"
        }
        defer { socket?.close() }
        let reply: IncomingResponse
        do throws(GenerationError) {
            reply = try await sendOnce(
                ComfyUIWire.queuePrompt(
                    baseURL: base, credential: endpoint.credential, graph: graph, clientID: task.traceID, promptID: task.traceID),
                what: "the workflow")
        } catch {
            if Task.isCancelled { await stopComfyPrompt(task.traceID, endpoint: endpoint) }
            throw Task.isCancelled ? .cancelled : error
        }
        guard reply.isSuccess else {
            let line = ComfyUIWire.errorLine(status: reply.status, body: reply.body, graph: graph)
            if reply.status == 502 || reply.status == 504 { throw .outcomeUnknown(line) }
            throw .rejected(status: reply.status, message: line)
        }
        guard let queued = ComfyUIWire.decodeQueued(reply.body) else {
            throw .outcomeUnknown("the reply to the workflow names no prompt_id; it was not sent again")
        }
        task.taskID = queued.promptID
        var allNotices = request.notices + notices
        if queued.nodeErrors > 0 {
            allNotices.append("the server skipped \(Counted.phrase(queued.nodeErrors, "output node")) that failed validation")
        }
        var watch = ComfyUIPromptWatch(promptID: queued.promptID, graph: graph)
        let images = try await followComfyPrompt(
            &watch, socket: socket, socketProblem: socketProblem, task: task, endpoint: endpoint, stem: stem, progress: progress)
        var result = try await saveComfyImages(images, request: request, task: task, endpoint: endpoint, stem: stem, progress: progress)
        result.seed = seed
        result.notices = allNotices
        return result
    }

    /// The first checkpoint the server lists, for the built-in workflow when none was given.
    func defaultCheckpoint(_ endpoint: ProviderEndpoint) async throws(GenerationError) -> String {
        let reply = try await comfyGet("object_info/CheckpointLoaderSimple", endpoint: endpoint)
        // A body that is not JSON at all was garbled on the way; only a readable list can say
        // that the server has no checkpoints.
        guard JSONValue.parse(reply.body) != nil else {
            throw .badReply("the answer to GET /object_info/CheckpointLoaderSimple is not JSON")
        }
        guard let name = ComfyUIWire.firstCheckpoint(reply.body) else {
            throw .configuration(
                "the ComfyUI server lists no checkpoints: put a model in its models/checkpoints folder, or name one with --checkpoint")
        }
        return name
    }

    /// A GET of one of ComfyUI's JSON routes, retried as any GET; a non-2xx answer is an error.
    func comfyGet(_ path: String, endpoint: ProviderEndpoint) async throws(GenerationError) -> IncomingResponse {
        let reply: IncomingResponse
        do {
            reply = try await sender.send(ComfyUIWire.get(path, baseURL: endpoint.baseURL, credential: endpoint.credential), kind: .idempotent)
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw .network("GET /\(path.split(separator: "?").first ?? "") failed: \(error)")
        }
        guard reply.isSuccess else {
            throw .network("GET /\(path.split(separator: "?").first ?? "") answered HTTP \(reply.status)")
        }
        return reply
    }

    /// Saves the images a finished prompt lists, each fetched from `/view` (bounded, verified).
    func saveComfyImages(
        _ images: [ComfyUIWire.OutputImage], request: ResolvedRequest, task: RemoteTask, endpoint: ProviderEndpoint, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        guard !images.isEmpty else { throw .badReply("the prompt finished without saving an image (does the workflow end in SaveImage?)") }
        var saved: [SavedImage] = []
        for (index, image) in images.enumerated() {
            progress(JobUpdate(state: .downloading(done: index, total: images.count), task: task))
            let url = ComfyUIWire.viewURL(baseURL: endpoint.baseURL, image: image)
            saved.append(try await store.download(url, stem: "\(stem)-\(index + 1)", sender: sender))
        }
        var result = GenerationResult(
            provider: request.provider.id.rawValue, model: request.model.id, images: saved, notices: request.notices)
        result.task = task
        return result
    }

    /// `workflow` filled from `request` through `inputs`, generations and edits alike: the
    /// built-in graph gets the server's first checkpoint when none is given, and a seed is drawn
    /// when none is; what Easel chose is said in the notices.
    func fillComfyGraph(
        _ workflow: ComfyUIGraph, inputs: ComfyUIInputs, request: inout ResolvedRequest, builtIn: Bool, endpoint: ProviderEndpoint
    ) async throws(GenerationError) -> (graph: ComfyUIGraph, seed: Int, notices: [String]) {
        var chosen: [String] = []
        if builtIn, request[.checkpoint] == nil {
            let checkpoint = try await defaultCheckpoint(endpoint)
            request.values[.checkpoint] = .text(checkpoint)
            chosen.append("no checkpoint given: used the server's first, \(TerminalText.oneLine(checkpoint, limit: 120))")
        }
        let given = request[.seed]?.integerValue ?? -1
        let seed = given >= 0 ? given : Int.random(in: 0...4_294_967_295)
        let (graph, notices) = try inputs.filled(workflow, request: request, seed: seed, allSettings: builtIn)
        return (graph, seed, chosen + notices)
    }
}
