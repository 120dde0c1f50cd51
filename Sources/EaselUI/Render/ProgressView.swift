import EaselCore
import Foundation

/// Draws the progress pane: one row per job (spinner or outcome mark, number, model, prompt,
/// state, elapsed time) and the selected job's details — its images' sizes and paths, or why
/// it failed.
struct ProgressView {
    let state: AppState
    let layout: ProgressLayout
    /// Whether model labels carry their provider (`provider/model`): the list holds several
    /// providers and the pane has room. Worked out once per frame, not per row: per row it
    /// walked every job for every row (64 jobs redrawn on each tick were most of the studio's CPU).
    private let labelsNameProvider: Bool
    /// The model column's width, nil when the pane is too narrow for one.
    private let modelColumnWidth: Int?
    /// The one running row whose spinner turns when more than `spinnersShown` run; nil when
    /// every running row spins.
    private let soleSpinner: Int?
    /// Each queued job's place in its provider's queue.
    private let queuePositions: [JobID: Int]

    init(state: AppState, layout: ProgressLayout) {
        self.state = state
        self.layout = layout
        let first = state.jobs.first?.provider
        labelsNameProvider = layout.list.width >= 80 && state.jobs.contains { $0.provider != first }
        let width = layout.list.width
        if width >= 60 {
            let naming = labelsNameProvider
            let longest = state.jobs.map { CharacterWidth.of(Self.modelLabel($0, namingProvider: naming)) }.max() ?? 0
            modelColumnWidth = min(longest, width >= 110 ? 40 : width >= 80 ? 30 : 18)
        } else {
            modelColumnWidth = nil
        }
        let running = state.jobs.indices.filter { !state.jobs[$0].phase.isFinished && state.jobs[$0].phase != .queued }
        soleSpinner = running.count > Self.spinnersShown ? (running.contains(state.selectedJob) ? state.selectedJob : running[0]) : nil
        queuePositions = state.queue.isEmpty ? [:] : state.queuePositions
    }

    /// Braille spinner frames, advanced four times a second by the clock.
    static let spinner = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
    /// Beyond this many running jobs only one row spins (the selected job's, else the first
    /// running one's) and the others show a still mark: sixty-four spinners redrawn four times a
    /// second cost the terminal kilobytes a second and say no more than one.
    static let spinnersShown = 3
    /// The still mark of a running job whose spinner is not shown.
    static let runningMark = "•"

    func draw(_ grid: inout CellGrid) {
        let list = layout.list
        guard !state.jobs.isEmpty else {
            grid.put("No jobs yet. Compose a prompt and press \(state.key(.submit, in: .prompt)).", in: list, row: list.y, style: CellStyle(.dimText))
            return
        }
        ListWindow(list, count: state.jobs.count, selected: state.selectedJob).draw(&grid, focused: state.focus == .jobs) { grid, index, y, highlighted in
            drawRow(&grid, index: index, y: y, highlighted: highlighted)
        }
        if state.jobs.indices.contains(state.selectedJob) {
            let job = state.jobs[state.selectedJob]
            drawDetail(&grid, job)
            if let rect = layout.preview {
                let key = job.previewPath.map { PreviewKey(path: $0, columns: rect.width, rows: rect.height) }
                PictureView(state: state).draw(&grid, key: key, in: rect, spot: .job)
            }
        }
    }

    private func drawRow(_ grid: inout CellGrid, index: Int, y: Int, highlighted: Bool) {
        let job = state.jobs[index]
        let rect = layout.list
        func style(_ role: UIRole, _ attributes: CellAttributes = []) -> CellStyle {
            CellStyle(highlighted ? .selection : role, attributes: attributes)
        }
        let (mark, markRole) = self.mark(job.phase, spins: spins(index))
        var x = grid.put(mark + " ", in: rect, row: y, style: style(markRole, .bold))
        x += grid.put("#\(job.id) ", in: rect, row: y, indent: x, style: style(.accent))
        // A running job's clock counts whole seconds, so its row changes once a second, not on
        // every tick; a finished job keeps its tenths.
        let elapsed = Self.duration(job.elapsed(now: state.now), running: !job.phase.isFinished)
        let right = Self.rowStatus(job, state, queuePosition: queuePositions[job.id])
        let roomForRight = rect.width - x
        let rightText = " " + right.0 + "  " + elapsed
        let fixed = CharacterWidth.of(rightText)
        var left = x
        if let modelWidth = modelColumnWidth {
            grid.put(DisplayText.truncate(Self.modelLabel(job, namingProvider: labelsNameProvider), toWidth: modelWidth), in: rect, row: y, indent: left, style: style(.dimText))
            left += modelWidth + 1
        }
        let promptRoom = roomForRight - (left - x) - fixed
        if promptRoom > 3 {
            grid.put(DisplayText.truncate(job.promptLine, toWidth: promptRoom), in: rect, row: y, indent: left, style: style(.text))
        }
        let start = grid.putRight(elapsed, in: rect, row: y, style: style(.dimText))
        let stateWidth = min(CharacterWidth.of(right.0), max(0, start - rect.x - left - 2))
        if stateWidth > 0 {
            grid.put(DisplayText.truncate(right.0, toWidth: stateWidth), x: start - stateWidth - 2, y: y, style: style(right.1), maxWidth: stateWidth)
        }
    }

    /// The job's model, as `provider/model` (the form the ready line and the details use) when
    /// the list holds several providers and the pane has room: `dall-e-3` on Azure, AI/ML API
    /// and Ace must not look like one kind of job. The model column is as wide as the longest
    /// label listed, up to a limit that leaves the prompt most of a narrow pane.
    private static func modelLabel(_ job: JobRow, namingProvider: Bool) -> String {
        namingProvider ? "\(job.provider)/\(job.model)" : job.model
    }

    /// Whether row `index`'s spinner turns: every running job's while few run, else only the one
    /// in the spinner's single place (the selected job when it runs, else the first that does).
    private func spins(_ index: Int) -> Bool {
        guard let sole = soleSpinner else { return true }
        return index == sole
    }

    /// The spinner for running jobs (a still mark when `spins` is false); a mark for finished ones.
    private func mark(_ phase: JobPhase, spins: Bool) -> (String, UIRole) {
        switch phase {
        case .done: ("✓", .success)
        case .failed: ("✗", .error)
        case .outcomeUnknown: ("?", .warning)
        case .cancelled: ("–", .dimText)
        case .queued: ("·", .dimText)
        default: spins ? (String(Self.spinner[Int(max(0, state.now) * 4) % Self.spinner.count]), .accent) : (Self.runningMark, .accent)
        }
    }

    /// The job's state in words, with its colour.
    static func phaseText(_ phase: JobPhase, now: Double) -> (String, UIRole) {
        switch phase {
        case .queued: ("queued", .dimText)
        case .sending: ("sending", .accent)
        case .waiting(let polls, let next, let since):
            // Whole seconds, rounded up: the countdown changes once a second, not on every tick.
            ("waiting · poll \(polls) · next \(Int(max(0, next - (now - since)).rounded(.up)))s", .accent)
        case .generating(let progress): (progress.summary, .accent)
        case .downloading(let done, let total): ("downloading \(done)/\(total)", .accent)
        case .done: ("done", .success)
        case .failed: ("failed", .error)
        case .outcomeUnknown: ("outcome unknown", .warning)
        case .cancelled: ("cancelled", .dimText)
        }
    }

    /// `7.2s` (`7s` while `running`), `1m05s`, `2h03m`.
    static func duration(_ seconds: Double, running: Bool = false) -> String {
        if seconds < 60 { return running ? "\(Int(max(0, seconds)))s" : String(format: "%.1fs", seconds) }
        let whole = Int(seconds)
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, whole / 60 % 60)
    }

    private func drawDetail(_ grid: inout CellGrid, _ job: JobRow) {
        let rect = layout.detail
        guard !rect.isEmpty else { return }
        var lines: [(String, UIRole)] = []
        var where_ = "#\(job.id) \(job.provider)/\(job.model)"
        if let thread = job.thread { where_ += " · thread \(thread)" }
        if let entry = job.entry { where_ += " · entry \(entry)" }
        lines.append((where_, .dimText))
        switch job.phase {
        case .failed(let why): lines += Self.reasonLines("✗ " + why, width: rect.width, role: .error)
        case .outcomeUnknown(let why): lines += Self.reasonLines("? " + why, width: rect.width, role: .warning)
        case .cancelled where job.entry != nil: lines.append(("cancelled here; the server may still make it", .dimText))
        default: break
        }
        if job.partial != nil, job.images.isEmpty {
            lines.append(("streaming: partial image \(job.partialCount) shown; the final one follows", .accent))
        }
        for image in job.images {
            let size = FormattedText.fileSize(image.bytes)
            lines.append(("\(image.width)×\(image.height) \(image.format.rawValue.uppercased()) \(size)  \(image.path)", .text))
        }
        if let revised = job.revisedPrompt { lines.append(("revised prompt: " + revised, .dimText)) }
        lines += job.notices.map { ("! " + $0, .warning) }
        lines.append(("prompt: " + job.prompt, .dimText))
        Self.fitReason(&lines, job: job, height: rect.height)
        for (offset, line) in lines.prefix(rect.height).enumerated() {
            var text = DisplayText.truncate(TerminalText.oneLine(line.0, limit: 2000), toWidth: rect.width)
            if offset == rect.height - 1, lines.count > rect.height, job.failureReason != nil {
                let more = Self.moreReason(state)
                text = DisplayText.truncate(text, toWidth: rect.width - CharacterWidth.of(more)) + more
            }
            grid.put(text, in: rect, row: rect.y + offset, style: CellStyle(line.1))
        }
    }
}
