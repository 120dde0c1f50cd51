import Foundation
import Synchronization

/// Polls an AUTOMATIC1111 server's `/sdapi/v1/progress` while a txt2img POST is open: each
/// answer becomes a `generating` update (step n/N, the server's ETA), and a changed live preview
/// is saved as a partial image. It remembers whether the server was seen running this job, which
/// decides whether a cancelled job may interrupt the server. Poll failures are ignored: the POST
/// decides the job.
final class A1111ProgressWatch: Sendable {
    private struct Seen {
        var ours = false
        var last: A1111Progress?
        var lastPreview: String?
        var partials: [SavedImage] = []
    }

    private let runner: GenerationRunner
    private let endpoint: ProviderEndpoint
    private let taskID: String
    private let stem: String
    private let interval: Duration
    private let progress: @Sendable (JobUpdate) -> Void
    private let seen = Mutex(Seen())
    /// Previews kept per job at most; later ones are not saved (the progress still shows).
    static let maxPreviews = 60

    init(
        runner: GenerationRunner, endpoint: ProviderEndpoint, taskID: String, stem: String, interval: Duration,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) {
        self.runner = runner
        self.endpoint = endpoint
        self.taskID = taskID
        self.stem = stem
        self.interval = interval
        self.progress = progress
    }

    /// Whether a poll showed the server running this job: by its `current_task`, or — from a
    /// server that does not name its task — busy while this job's POST was open.
    var sawOurJob: Bool { seen.withLock { $0.ours } }

    /// Polls until the task is cancelled.
    func run() async {
        while !Task.isCancelled {
            do {
                try await runner.sender.sleeper.sleep(for: interval)
            } catch {
                return
            }
            if Task.isCancelled { return }
            guard let answer = await poll() else { continue }
            report(answer)
        }
    }

    /// One progress answer, or nil when the server did not give a readable one.
    func poll() async -> A1111Progress? {
        guard let request = try? A1111Wire.progressRequest(endpoint: endpoint),
            let response = try? await runner.sender.transport.send(request, maxBodyBytes: 8 << 20), response.isSuccess
        else { return nil }
        return A1111Wire.decodeProgress(response.body)
    }

    private func report(_ answer: A1111Progress) {
        let running = answer.isRunning(taskID)
        var shown = answer.progress
        if running == false, answer.busy {
            // Our POST waits for the server's lock behind someone else's job.
            shown = ServerProgress(note: "waiting: the server is running another job")
        }
        let preview: String? = seen.withLock { seen in
            if running == true || (running == nil && answer.busy) { seen.ours = true }
            seen.last = answer
            guard running != false, let image = answer.currentImage, image != seen.lastPreview,
                seen.partials.count < Self.maxPreviews
            else { return nil }
            seen.lastPreview = image
            return image
        }
        guard answer.busy || preview != nil else { return }
        var partial: PartialImage?
        if let preview, let bytes = try? runner.decodeBase64(preview) {
            let index = seen.withLock { $0.partials.count }
            if let image = try? runner.save(bytes, stem: "\(stem)-partial-\(index + 1)") {
                seen.withLock { $0.partials.append(image) }
                partial = PartialImage(index: index, sequence: index, image: image)
            }
        }
        progress(JobUpdate(state: .generating(shown), partialImage: partial))
    }

    /// Deletes the previews' files: the job is over and its images take their place.
    func discardPreviews() {
        let files = seen.withLock { seen in
            defer { seen.partials = [] }
            return seen.partials
        }
        for image in files { try? FileManager.default.removeItem(atPath: image.path) }
    }
}
