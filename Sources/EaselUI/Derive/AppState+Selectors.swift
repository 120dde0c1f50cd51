import EaselCore
import Foundation

/// What the state implies, as pure read-only questions: the composed request checked against
/// the catalog, the images the selection stands for, the edit inputs' reports and the typical
/// duration of a job. The reducer and the views both ask these; neither calls into the other.
extension AppState {
    /// How many past durations an ETA is learnt from, per provider, model and size.
    public static let durationsKept = 10
    /// The fewest characters a history search is sent with.
    public static let shortestSearch = 2

    /// The composed request checked against the catalog, for the provider's host. The composer
    /// shows the same result inline, so what the pane says is what submit will do.
    public var validation: Result<ResolvedRequest, ValidationFailure> {
        let host = context.access[compose.provider]?.host
        return context.catalog.resolve(variationPrompted, host: host, operation: compose.operation)
    }

    /// The composed request, with a prompt for a variation whose model takes one (a local
    /// backend's image-to-image): the composer's words, else the source image's prompt.
    var variationPrompted: GenerationRequest {
        var request = compose.request
        guard let edit = compose.edit, edit.operation == .variation,
            context.catalog.provider(request.provider)?.model(request.model)?.variation?.prompt != nil
        else { return request }
        let typed = compose.parts.filter { !$0.editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map { PromptPart($0.editor.text, weight: $0.weight, kind: $0.kind) }
        let source = edit.sourcePrompt.trimmingCharacters(in: .whitespacesAndNewlines)
        request.parts = typed.isEmpty ? (source.isEmpty ? [] : [PromptPart(source)]) : typed
        return request
    }

    /// The picture `spot` shows in place of its wanted one, which is still being made: its
    /// last one, ready or failed, within `PictureStandIns.window` of the change.
    func standInPicture(for spot: PictureSpot) -> PreviewKey? {
        guard let key = pictureStandIns.shown[spot], let until = pictureStandIns.until[spot], now < until else { return nil }
        switch previews[key] {
        case .ready, .failed: return key
        case .loading, nil: return nil
        }
    }

    /// The images the selection stands for: the viewer's shown image, the selected job's images,
    /// or the selected history entry's (a request stands for the response after it).
    var selectedImages: [ViewerImage] {
        if let viewer { return viewer.current.map { [$0] } ?? [] }
        switch focus {
        case .jobs:
            guard jobs.indices.contains(selectedJob) else { return [] }
            let job = jobs[selectedJob]
            return job.images.map { ViewerImage($0, job: job) }
        case .historyEntries, .historyList:
            return historyImages
        default:
            return []
        }
    }

    /// The history entry's images the browser shows and the viewer opens: the selected entry's,
    /// else those of the first response after it, else the thread's latest.
    var historyImages: [ViewerImage] {
        // The entries on screen: the previous thread's while the selected one's are read.
        guard let shown = history.shownEntries, !shown.entries.isEmpty else { return [] }
        let entries = shown.entries
        let selected = focus == .historyEntries ? max(0, min(history.selectedEntry, entries.count - 1)) : entries.count - 1
        let index = entries[selected...].firstIndex { !$0.images.isEmpty } ?? entries[...selected].lastIndex { !$0.images.isEmpty }
        guard let index else { return [] }
        let prompt = entries[...index].last { $0.request != nil }?.request?.positiveParts.map(\.text).joined(separator: ", ") ?? ""
        let title = history.threads.first { $0.id == shown.thread }?.title ?? ""
        return entries[index].images.map { ViewerImage($0, prompt: prompt, caption: TerminalText.oneLine(title, limit: 80)) }
    }

    /// What the edit's inputs must be checked against now: the files and the chosen model's
    /// rules for the operation (nil when not editing, or the model cannot do it — the request's
    /// own validation says that).
    var currentEditCheck: EditCheck? {
        guard let edit = compose.edit,
            let rules = context.catalog.model(compose.model, of: compose.provider)?.operation(edit.operation)?.inputs
        else { return nil }
        return EditCheck(images: edit.images, mask: edit.mask, model: compose.model, rules: rules)
    }

    /// The reports for the inputs as they are now, once they came back.
    public var currentEditReports: [EditInputReport]? {
        guard let check = currentEditCheck, let reports = editReports, reports.check == check else { return nil }
        return reports.inputs
    }

    /// The line that refuses a send while an input does not fit, or nil.
    var unfitInputLine: String? {
        guard let unfit = currentEditReports?.first(where: { $0.problem != nil }), let problem = unfit.problem else { return nil }
        return "\(EditInputText.fileName(unfit.path)): \(problem)" + offerText(unfit)
    }

    /// "; Alt-P pads to 1536×1536, Alt-C crops to 1024×1024" (the user's keys), or nothing when
    /// no conversion fits.
    func offerText(_ report: EditInputReport) -> String {
        guard !report.offers.isEmpty else { return "" }
        return " — " + report.offers.map { "\(key(.fitEditInput($0.mode), in: .prompt)) \($0.label)" }.joined(separator: ", ")
    }

    /// Seconds a job of `key` usually takes: the median of recent successful runs, or nil with
    /// fewer than three to go by (an ETA from one or two runs would be a guess).
    public func typicalDuration(_ key: DurationKey) -> Double? {
        let known = (durations[key] ?? []).suffix(Self.durationsKept).sorted()
        guard known.count >= 3 else { return nil }
        let middle = known.count / 2
        return known.count % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2
    }
}

/// How the composer writes an edit's inputs.
enum EditInputText {
    /// The cells an input's picture takes in the composer: about square on a 1:2 cell.
    static let pictureColumns = 6
    static let pictureRows = 2

    /// The file's name, safe for one line.
    static func fileName(_ path: String) -> String {
        TerminalText.oneLine(path.split(separator: "/").last.map(String.init) ?? path, limit: 80)
    }
}

extension ValidationProblem {
    /// The problem as the composer and the refusal say it: a prompt part by its number.
    var composerText: String {
        guard field.hasPrefix("prompt["), field.hasSuffix("]"), let index = Int(field.dropFirst(7).dropLast()) else { return description }
        return "part \(index + 1): \(message)"
    }
}
