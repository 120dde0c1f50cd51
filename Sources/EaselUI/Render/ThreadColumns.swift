import EaselCore

/// How a history list row shares its width: after the marker and the date, the title, then
/// the model and provider (what tells two threads with the same prompt apart), then the counts
/// at the right edge. Sized to the rows on screen, so columns line up and a short title leaves
/// its room to the model; when both cannot be whole the title keeps most of the row.
struct ThreadColumns {
    /// Columns for the title and for the model (0: not shown, below 60 columns).
    var title: Int
    var model: Int

    init(_ threads: ArraySlice<ThreadRow>, width: Int, dateWidth: Int) {
        let counts = threads.map { CharacterWidth.of(Self.counts($0)) }.max() ?? 0
        let room = max(1, width - 2 - (dateWidth + 2) - counts)
        guard width >= 60 else {
            title = room
            model = 0
            return
        }
        let titles = threads.map { CharacterWidth.of(Self.title($0)) }.max() ?? 0
        let models = threads.map { CharacterWidth.of(Self.model($0)) }.max() ?? 0
        // Gaps: two before the model, one before the counts.
        let shared = max(1, room - 3)
        title = max(shared - models, min(titles, shared * 3 / 5))
        model = max(0, shared - title)
    }

    /// The title as one line, `(untitled)` when there is none.
    static func title(_ thread: ThreadRow) -> String {
        TerminalText.oneLine(thread.title.isEmpty ? "(untitled)" : thread.title)
    }

    /// `stablediffusion_text2img · ai-client`: the model first, as it matters most; the provider
    /// only when it fits whole.
    static func model(_ thread: ThreadRow) -> String {
        TerminalText.oneLine(thread.model) + " · " + thread.provider.rawValue
    }

    /// `model(thread)` in `width` columns: without the provider when both do not fit, cut with
    /// "…" when the model alone does not.
    static func model(_ thread: ThreadRow, width: Int) -> String {
        let full = model(thread)
        if CharacterWidth.of(full) <= width { return full }
        return DisplayText.truncate(TerminalText.oneLine(thread.model), toWidth: width)
    }

    /// `2e 1i 5cr`: entries, images and (when reported) credits.
    static func counts(_ thread: ThreadRow) -> String {
        let credits = thread.credits > 0 ? " \(CostEstimate.number(thread.credits))cr" : ""
        return " \(thread.entries)e \(thread.images)i" + credits
    }
}
