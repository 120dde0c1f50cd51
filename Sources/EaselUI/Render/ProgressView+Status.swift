import EaselCore

extension ProgressView {
    /// A job row's state in words, with its colour: the phase, a queued job's place in line,
    /// and a running job's ETA when past runs give one.
    static func rowStatus(_ job: JobRow, _ state: AppState) -> (String, UIRole) {
        rowStatus(job, state, queuePosition: state.queuePosition(of: job.id))
    }

    /// `rowStatus` with the job's place in the queue already known (the pane works out every
    /// row's once per frame).
    static func rowStatus(_ job: JobRow, _ state: AppState, queuePosition: Int?) -> (String, UIRole) {
        if let position = queuePosition {
            if state.unreachable[job.provider] != nil { return ("queued \(position) · server unreachable, \(state.key(.retryQueue, in: .jobs)) retries", .warning) }
            return ("queued \(position)", .dimText)
        }
        var text = phaseText(job.phase, now: state.now)
        if let eta = estimate(job, state) { text.0 += " · " + eta }
        return text
    }

    /// `~12s left` for a running job whose provider, model and size took that long before (the
    /// median of recent runs); nil with too few runs to go by, or once that time has passed.
    static func estimate(_ job: JobRow, _ state: AppState) -> String? {
        guard !job.phase.isFinished, let key = job.etaKey, let typical = state.typicalDuration(key) else { return nil }
        let left = typical - job.elapsed(now: state.now)
        guard left >= 0.5 else { return nil }
        let whole = Int(left.rounded())
        return whole < 60 ? "~\(whole)s left" : "~\(whole / 60)m\(String(format: "%02d", whole % 60))s left"
    }

    /// Ends the last row of a reason that does not fit.
    static func moreReason(_ state: AppState) -> String { " … \(state.key(.copyPrompt, in: .jobs)) copies all" }

    /// Where a failed job's details do not fit, its reason goes first: the job's own row above
    /// already names it, so the heading line is what gives way.
    static func fitReason(_ lines: inout [(String, UIRole)], job: JobRow, height: Int) {
        if job.failureReason != nil, lines.count > height, lines.count > 1 { lines.removeFirst() }
    }

    /// A failure reason as rows that fit `width`, so a long one is read whole, not cut.
    static func reasonLines(_ reason: String, width: Int, role: UIRole) -> [(String, UIRole)] {
        ChromeView.wrap(TerminalText.oneLine(reason, limit: 4000), width: max(1, width)).map { ($0, role) }
    }
}
