import EaselCore
import Foundation

/// Shows a job's progress on stderr: one line redrawn in place on a terminal, or a line per
/// change of state otherwise (so logs stay readable).
final class ProgressLine: @unchecked Sendable {
    // Updates arrive from the runner's tasks; `lock` serialises them.
    private let lock = NSLock()
    private let errors: StandardError
    private let label: String
    private let started = ContinuousClock.now
    private var lastKind = ""
    private var drawn = false

    init(errors: StandardError, label: String) {
        self.errors = errors
        self.label = label
    }

    func show(_ update: JobUpdate) {
        lock.lock()
        defer { lock.unlock() }
        var (kind, text) = Self.describe(update.state)
        if let partial = update.partialImage, case .generating = update.state {
            // A local backend previews every step or so: the steps stay the news, and a log
            // gets no line per preview.
            text += " · preview \(partial.sequence + 1)"
        } else if let partial = update.partialImage {
            // Each preview gets its own line off a terminal: it is news, not a redraw.
            kind = "partial \(partial.sequence)"
            text = "partial image \(partial.sequence + 1) (\(partial.image.width)x\(partial.image.height)) at \(partial.image.path)"
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        let line = "\(label): \(text) [\(String(format: "%.1f", seconds)) s]"
        if errors.isTerminal {
            errors.write("\r\u{1B}[2K" + TerminalText.oneLine(line, limit: 200))
            drawn = true
        } else if kind != lastKind {
            errors.line(TerminalText.oneLine(line, limit: 200))
        }
        lastKind = kind
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { errors.write("\n") }
        drawn = false
    }

    static func describe(_ state: JobState) -> (kind: String, text: String) {
        switch state {
        case .queued: ("queued", "queued")
        case .sending: ("sending", "sending")
        case .waiting(let polls, let next):
            ("waiting", "waiting for the server (poll \(polls), next in \(String(format: "%.1f", next.inSeconds)) s)")
        // One kind for every step, so a log (not a terminal) gets one line, not one per step.
        case .generating(let progress): ("generating", progress.summary)
        case .downloading(let done, let total): ("downloading", "downloading \(done + 1)/\(total)")
        case .done: ("done", "done")
        case .failed(let why): ("failed", "failed: \(why)")
        case .outcomeUnknown(let why): ("unknown", "outcome unknown: \(why)")
        }
    }
}
