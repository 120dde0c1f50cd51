import Foundation

/// The sandbox's AUTOMATIC1111 worker: one job at a time, as the web UI's queue lock runs them,
/// with the state `/sdapi/v1/progress` reports (step of steps, batch, the task id) and an
/// interrupt that ends the running job early.
public actor A1111Desk {
    /// The job being made.
    struct Running {
        var taskID: String
        var prompt: String
        var steps: Int
        var batches: Int
        var started: ContinuousClock.Instant
        var duration: Duration
        /// Progress answers still owed before the job may end.
        var polls: Int
        var interrupted = false
    }

    private var running: Running?
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// The checkpoint loaded now, as `/sdapi/v1/options` reports it.
    var checkpoint = A1111Catalog.checkpoints[0].title
    /// How many interrupts arrived, and how many stopped a running job (tests look at these).
    public private(set) var interrupts = 0
    public private(set) var interruptedJobs: [String] = []
    /// When each progress answer carrying a live preview was made (the preview benchmark's start).
    public private(set) var previewsSent: [ContinuousClock.Instant] = []

    /// Notes that a progress answer with a preview is going out now.
    func notePreviewSent() { previewsSent.append(.now) }

    init() {}

    /// Waits for the desk to be free, then holds it for `job`.
    func begin(_ job: Running) async {
        while running != nil {
            await withCheckedContinuation { waiting.append($0) }
        }
        running = job
    }

    /// Frees the desk; returns whether the job was interrupted.
    func end() -> Bool {
        let interrupted = running?.interrupted ?? false
        running = nil
        if !waiting.isEmpty { waiting.removeFirst().resume() }
        return interrupted
    }

    /// Whether the running job is done (its time is up) or was interrupted.
    func isFinished(at now: ContinuousClock.Instant) -> Bool {
        guard let running else { return true }
        let elapsed = now - running.started
        return running.interrupted || (elapsed >= running.duration && (running.polls <= 0 || elapsed >= running.duration + .seconds(60)))
    }

    /// `POST /interrupt`: marks the running job to stop.
    func interrupt() {
        interrupts += 1
        guard running != nil, running?.interrupted == false else { return }
        running?.interrupted = true
        interruptedJobs.append(running?.taskID ?? "")
    }

    /// The running job's progress — fraction done, step, steps, batch, seconds left, task id —
    /// as one progress answer reports it (which counts toward the answers the job waits for).
    func snapshot(at now: ContinuousClock.Instant) -> (fraction: Double, step: Int, steps: Int, batch: Int, batches: Int, eta: Double, task: String, prompt: String)? {
        guard var running else { return nil }
        running.polls -= 1
        self.running = running
        let total = max(running.duration / .milliseconds(1), 1)
        let fraction = min(1, max(0, (now - running.started) / .milliseconds(1) / total))
        let perBatch = 1 / Double(running.batches)
        let batch = min(running.batches - 1, Int(fraction / perBatch))
        let within = (fraction - Double(batch) * perBatch) / perBatch
        let step = min(running.steps, max(1, Int((within * Double(running.steps)).rounded(.up))))
        return (fraction, step, running.steps, batch, running.batches, (1 - fraction) * total / 1000, running.taskID, running.prompt)
    }
}
