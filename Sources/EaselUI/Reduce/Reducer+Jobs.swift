import EaselCore

extension Reducer {
    /// Sends the composed request as a new job when it is valid and the provider is reachable;
    /// otherwise says why and sends nothing. The composer keeps its text for the next job.
    static func submit(_ state: inout AppState) -> [Effect] {
        state.compose.fieldEdit = nil
        let provider = state.compose.provider
        if case .missingKey(let variable)? = state.context.access[provider] {
            state.message = StatusMessage(
                "nothing was sent: \(provider) needs a key (set \(variable)), or start easel with --sandbox", kind: .error)
            return []
        }
        let resolved: ResolvedRequest
        switch state.validation {
        case .failure(let failure):
            let more = failure.problems.count > 1 ? " (and \(failure.problems.count - 1) more, shown above)" : ""
            state.message = StatusMessage("nothing was sent: \(failure.problems[0].composerText)\(more)", kind: .error)
            return []
        case .success(let found):
            resolved = found
        }
        // An input the model cannot take is said on its line with the conversion that fits; it
        // is never converted or sent as it is.
        if let unfit = state.unfitInputLine {
            state.message = StatusMessage("nothing was sent: \(unfit)", kind: .error)
            return []
        }
        if askBeforeResending(&state, resolved) { return [] }
        return send(&state, resolved)
    }

    /// Shows the jobs an earlier Easel left unfinished, resuming those that can be.
    static func jobsRecovered(_ state: inout AppState, _ recovered: [RecoveredJob]) -> [Effect] {
        guard !recovered.isEmpty else { return [] }
        var effects: [Effect] = []
        var requeued = 0
        for job in recovered {
            let id = state.nextJobID
            state.nextJobID += 1
            var row = JobRow(id: id, provider: job.provider, model: job.model, prompt: job.prompt, startedAt: state.now - job.startedAgo)
            row.thread = job.thread
            row.entry = job.entry
            if let request = job.heldRequest {
                // Never sent: back in the queue, in the order it was queued, its clock from now.
                row.phase = .queued
                row.startedAt = state.now
                row.etaKey = DurationKey(request)
                state.queue.append(QueuedJob(id: id, request: request, held: true))
                effects.append(.adoptHeld(id: id, journalID: job.journalID))
                requeued += 1
            } else if let why = job.unrecoverable {
                row.phase = .outcomeUnknown(why)
                row.finishedAt = state.now
            } else {
                row.phase = .waiting(pollCount: 0, nextPoll: 0.5, since: state.now)
                effects.append(.resume(id: id, journalID: job.journalID))
            }
            // The selection stays on the job it was on, as a newly sent job leaves it.
            if !state.jobs.isEmpty { state.selectedJob += 1 }
            state.jobs.insert(row, at: 0)
        }
        let resumed = effects.count - requeued
        let lost = recovered.count - effects.count
        var text = "found \(counted(recovered.count, "unfinished job")) from an earlier session"
        if resumed > 0 { text += "; resumed \(resumed) (polling, not sent again)" }
        if requeued > 0 { text += "; \(requeued) back in the queue (never sent)" }
        if lost > 0 { text += "; \(lost) ended with outcome unknown" }
        state.message = StatusMessage(text, kind: lost > 0 ? .warning : .info)
        return effects + startQueued(&state)
    }

    static func cancelJob(_ state: inout AppState) -> [Effect] {
        guard state.jobs.indices.contains(state.selectedJob) else { return [] }
        let job = state.jobs[state.selectedJob]
        guard !job.phase.isFinished else {
            state.message = StatusMessage("#\(job.id) has already finished")
            return []
        }
        state.jobs[state.selectedJob].phase = .cancelled
        state.jobs[state.selectedJob].finishedAt = state.now
        if let queued = state.queue.firstIndex(where: { $0.id == job.id }) {
            let held = state.queue.remove(at: queued).held
            state.message = StatusMessage("cancelled #\(job.id); it was queued, so nothing was sent", kind: .warning)
            return held ? [.dropHeld(id: job.id)] : []
        }
        let tail = job.entry != nil ? "; the server may still make it" : ""
        state.message = StatusMessage("cancelled #\(job.id)\(tail)", kind: .warning)
        return [.cancel(id: job.id)] + startQueued(&state)
    }

    static func jobUpdated(_ state: inout AppState, _ id: JobID, _ update: JobUpdate, at: Double) {
        guard let index = state.jobs.firstIndex(where: { $0.id == id }), !state.jobs[index].phase.isFinished else { return }
        if let thread = update.thread { state.jobs[index].thread = thread }
        if let entry = update.entry { state.jobs[index].entry = entry }
        if update.task != nil { state.jobs[index].hasRemoteTask = true }
        if let partial = update.partialImage {
            state.jobs[index].partial = partial.image
            state.jobs[index].partialCount = partial.sequence + 1
        }
        switch update.state {
        case .queued: state.jobs[index].phase = .queued
        case .sending: state.jobs[index].phase = .sending
        case .waiting(let polls, let next): state.jobs[index].phase = .waiting(pollCount: polls, nextPoll: next.inSeconds, since: at)
        case .generating(let progress): state.jobs[index].phase = .generating(progress)
        case .downloading(let done, let total): state.jobs[index].phase = .downloading(done: done, total: total)
        // The end of a job arrives as `jobFinished`, with its images or its error.
        case .done, .failed, .outcomeUnknown: break
        }
    }

    /// Records the end of a job; rings the bell and sets the title when the user is not looking
    /// at that job.
    static func jobFinished(
        _ state: inout AppState, _ id: JobID, _ result: Result<GenerationResult, GenerationError>, at: Double
    ) -> [Effect] {
        guard let index = state.jobs.firstIndex(where: { $0.id == id }), !state.jobs[index].phase.isFinished else { return [] }
        var job = state.jobs[index]
        job.finishedAt = at
        // Partial files are removed when the job ends; the final images take their place.
        job.partial = nil
        let summary: String
        switch result {
        case .success(let result):
            job.phase = .done
            job.images = result.images
            job.revisedPrompt = result.revisedPrompt
            job.thread = result.thread ?? job.thread
            job.entry = result.entry ?? job.entry
            summary = "✓ #\(id) done: \(counted(result.images.count, "image"))"
        case .failure(.cancelled):
            job.phase = .cancelled
            summary = "#\(id) cancelled"
        case .failure(.outcomeUnknown(let why)):
            job.phase = .outcomeUnknown(why)
            summary = "? #\(id) outcome unknown"
        case .failure(let error):
            job.phase = .failed(error.description)
            summary = "✗ #\(id) failed"
        }
        state.jobs[index] = job
        let watching = state.focus == .jobs && state.selectedJob == index
        guard !watching else { return [] }
        state.titleHasNews = true
        var effects: [Effect] = [.setTitle("easel — \(summary)")]
        if state.context.bell { effects.insert(.bell, at: 0) }
        return effects
    }
}
