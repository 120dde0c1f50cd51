import EaselCore

extension Reducer {
    /// How long after a send the same request again is taken for an accident (a key pressed
    /// twice) and asked about first.
    public static let resendWindow = 5.0

    /// Intents about sending and jobs that come before the pane-specific ones; nil when
    /// `command` is not one of them here.
    static func jobCommand(_ state: inout AppState, _ command: Command) -> [Effect]? {
        switch command {
        case .confirmSend:
            guard let request = state.confirmingSend else { return [] }
            state.confirmingSend = nil
            return send(&state, request)
        case .cancelSend:
            guard state.confirmingSend != nil else { return [] }
            state.confirmingSend = nil
            state.message = StatusMessage("not sent again")
            return []
        case .moveQueued(let step):
            return moveQueued(&state, by: step)
        case .retryQueue:
            return retryQueue(&state)
        case .editImage:
            return editImage(&state, adding: false)
        case .varyImage:
            return editImage(&state, adding: false, operation: .variation)
        case .addEditInput:
            return editImage(&state, adding: true)
        case .startInputPath:
            guard let edit = state.compose.edit else { return nil }
            guard edit.operation == .edit else {
                state.message = StatusMessage("variations take one image; \(state.key(.dropEdit, in: .prompt)) goes back to generating", kind: .warning)
                return []
            }
            state.inputPath = TextEditor(maxLength: 4096)
            state.message = StatusMessage("the path of an image to add; Tab completes, Enter adds, Esc cancels")
            return []
        case .fitEditInput(let mode):
            guard state.compose.edit != nil else { return nil }
            return fitEditInput(&state, mode)
        case .dropEdit:
            guard state.compose.edit != nil else { return nil }
            state.compose.edit = nil
            state.editReports = nil
            state.message = StatusMessage("back to generating: the composer makes new images")
            return []
        case .copyPrompt where state.focus == .jobs && state.viewer == nil && state.export == nil:
            // A failed job has no image to copy a prompt from; its reason is what is worth copying.
            guard state.jobs.indices.contains(state.selectedJob), let reason = state.jobs[state.selectedJob].failureReason else { return nil }
            state.message = StatusMessage("copied the reason #\(state.jobs[state.selectedJob].id) failed to the clipboard (OSC 52)", kind: .success)
            return [.copyToClipboard(reason)]
        default:
            return nil
        }
    }

    /// Holds a send back and asks when the same request (provider, model, parts, settings) went
    /// out less than `resendWindow` seconds ago; true when it asked.
    static func askBeforeResending(_ state: inout AppState, _ request: ResolvedRequest) -> Bool {
        state.recentSends.removeAll { state.now - $0.at >= resendWindow }
        let same = state.recentSends.filter { $0.request == request.request && $0.edit == state.compose.edit }
        guard let last = same.last else { return false }
        let ids = Set(same.map(\.job))
        let running = state.jobs.count { ids.contains($0.id) && !$0.phase.isFinished }
        let ago = max(0, Int((state.now - last.at).rounded()))
        state.confirmingSend = request
        state.message = StatusMessage(
            "the same request was sent \(ago)s ago (\(running) running) — send again? y/n", kind: .warning)
        return true
    }

    /// Makes a job of a checked request: sent at once, or queued while its provider already runs
    /// as many jobs as it may.
    static func send(_ state: inout AppState, _ resolved: ResolvedRequest) -> [Effect] {
        let provider = resolved.provider.id
        let limit = state.context.limits.limit(for: provider)
        let hasRoom = runningCount(state, provider) < limit && state.unreachable[provider] == nil
        let id = state.nextJobID
        state.nextJobID += 1
        var row = JobRow(
            id: id, provider: provider, model: resolved.model.id, prompt: resolved.request.positiveParts.first?.text ?? "",
            startedAt: state.now, notices: resolved.notices)
        row.etaKey = DurationKey(resolved)
        if !state.jobs.isEmpty, state.focus == .jobs { state.selectedJob += 1 } else { state.selectedJob = 0 }
        state.jobs.insert(row, at: 0)
        state.recentSends.append(RecentSend(request: resolved.request, job: id, at: state.now, edit: state.compose.edit))
        let edit = state.compose.edit
        guard !hasRoom else {
            state.message = StatusMessage("sent #\(id) to \(provider)/\(resolved.model.id)", kind: .success)
            if let edit { return [.submitEdit(id: id, request: resolved, edit: edit)] }
            return [.submit(id: id, request: resolved)]
        }
        // An edit's inputs are not journalled while it waits, so it is not kept across a restart.
        let kept = QueuedJob.isKept(resolved) && edit == nil
        var queued = QueuedJob(id: id, request: resolved, held: kept)
        queued.edit = edit
        state.queue.append(queued)
        let position = state.queue.count { $0.request.provider.id == provider }
        if state.unreachable[provider] != nil {
            state.message = StatusMessage("queued #\(id) (\(position) in line): \(provider) was unreachable — \(state.key(.retryQueue, in: .jobs)) retries", kind: .warning)
        } else {
            state.message = StatusMessage(
                "queued #\(id) (\(position) in line): \(provider) already runs \(limit) job\(limit == 1 ? "" : "s") at once", kind: .info)
        }
        return kept ? [.hold(id: id, request: resolved)] : []
    }

    /// `R`: tries the unreachable backends again, sending their queued jobs as room allows.
    static func retryQueue(_ state: inout AppState) -> [Effect] {
        guard !state.unreachable.isEmpty else {
            state.message = StatusMessage("no backend is held back; queued jobs go out as running ones end")
            return []
        }
        let names = state.unreachable.keys.map(\.rawValue).sorted().joined(separator: ", ")
        state.unreachable = [:]
        state.message = StatusMessage("retrying \(names)")
        return startQueued(&state)
    }

    /// After a job ended: a local backend that could not be reached holds its queue back (its
    /// jobs would only fail one after another), a success lets it go again.
    static func noteReachability(_ state: inout AppState, _ provider: ProviderID, _ result: Result<GenerationResult, GenerationError>) {
        switch result {
        case .success:
            state.unreachable[provider] = nil
        case .failure(.network(let why)) where state.context.limits.isLocal(provider):
            state.unreachable[provider] = why
            let waiting = state.queue.count { $0.request.provider.id == provider }
            if waiting > 0 {
                state.message = StatusMessage(
                    "\(provider) is unreachable: \(counted(waiting, "queued job")) \(waiting == 1 ? "waits" : "wait"), unsent — \(state.key(.retryQueue, in: .jobs)) retries", kind: .warning)
            }
        default:
            break
        }
    }

    /// Jobs of `provider` sent and not yet finished.
    static func runningCount(_ state: AppState, _ provider: ProviderID) -> Int {
        let queued = Set(state.queue.map(\.id))
        return state.jobs.count { $0.provider == provider && !$0.phase.isFinished && !queued.contains($0.id) }
    }

    /// Sends queued jobs while their providers have room, in queue order.
    static func startQueued(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        var index = 0
        while index < state.queue.count {
            let job = state.queue[index]
            let provider = job.request.provider.id
            guard runningCount(state, provider) < state.context.limits.limit(for: provider), state.unreachable[provider] == nil else {
                index += 1
                continue
            }
            state.queue.remove(at: index)
            // Its clock starts when it is sent: the wait in the queue is not the provider's time.
            if let row = state.jobs.firstIndex(where: { $0.id == job.id }) { state.jobs[row].startedAt = state.now }
            if let edit = job.edit {
                effects.append(.submitEdit(id: job.id, request: job.request, edit: edit))
            } else {
                effects.append(.submit(id: job.id, request: job.request))
            }
        }
        return effects
    }

    /// After a job ended: learns its duration (when it succeeded) and sends what was waiting.
    static func jobEnded(_ state: inout AppState, _ id: JobID) -> [Effect] {
        if let job = state.jobs.first(where: { $0.id == id }), job.phase == .done, let key = job.etaKey {
            learnDuration(&state, key, job.elapsed(now: state.now))
        }
        return startQueued(&state)
    }

    /// Adds one successful job's duration to what ETAs are learnt from.
    static func learnDuration(_ state: inout AppState, _ key: DurationKey, _ seconds: Double) {
        var known = state.durations[key] ?? []
        known.append(seconds)
        state.durations[key] = Array(known.suffix(AppState.durationsKept))
    }

    /// The selected queued job moves sooner or later among its provider's queued jobs.
    static func moveQueued(_ state: inout AppState, by step: Int) -> [Effect] {
        guard state.jobs.indices.contains(state.selectedJob),
            let index = state.queue.firstIndex(where: { $0.id == state.jobs[state.selectedJob].id })
        else {
            state.message = StatusMessage("only a queued job can be moved in the queue")
            return []
        }
        let provider = state.queue[index].request.provider.id
        let peers = state.queue.indices.filter { state.queue[$0].request.provider.id == provider }
        guard let at = peers.firstIndex(of: index), peers.indices.contains(at + step) else { return [] }
        state.queue.swapAt(index, peers[at + step])
        return []
    }
}

extension AppState {
    /// A queued job's place in its provider's queue (1 is sent next), or nil when it is not queued.
    public func queuePosition(of id: JobID) -> Int? {
        queuePositions[id]
    }

    /// Every queued job's place in its provider's queue, in one pass: the progress pane asks for
    /// each row on every tick, and filtering the queue (copying its requests) per row was a
    /// good part of the studio's CPU with many jobs waiting.
    public var queuePositions: [JobID: Int] {
        var counts: [ProviderID: Int] = [:]
        var positions: [JobID: Int] = [:]
        positions.reserveCapacity(queue.count)
        for index in queue.indices {
            let provider = queue[index].request.provider.id
            let position = (counts[provider] ?? 0) + 1
            counts[provider] = position
            positions[queue[index].id] = position
        }
        return positions
    }
}

extension JobRow {
    /// Why the job failed, in full, when it did.
    public var failureReason: String? {
        switch phase {
        case .failed(let why), .outcomeUnknown(let why): why
        default: nil
        }
    }
}
