extension Reducer {
    /// How many pictures the state keeps before dropping those no view wants any more.
    static let previewCapacity = 12

    /// The pictures the screen shows for `state`: the viewer's, or the selected job's and the
    /// selected history entry's first image where their panes have room for one.
    public static func wantedPreviews(_ state: AppState) -> [PreviewKey] {
        guard state.context.pictures else { return [] }
        if let editor = state.maskEditor {
            return MaskLayout(state).previewKey(editor).map { [$0] } ?? []
        }
        if let viewer = state.viewer {
            return ViewerLayout(state).previewKeys(viewer).compactMap { $0 }
        }
        if let comparison = state.history.comparison, state.focus.pane == .history {
            return ComparisonView.pictureKeys(state, comparison).compactMap { $0 }
        }
        // Most actions (ticks, keys in the composer) come when no pane has a picture to show:
        // answer before laying out the whole screen.
        let jobPicture = state.jobs.indices.contains(state.selectedJob) ? state.jobs[state.selectedJob].previewPath : nil
        let historyPicture = state.history.entriesThread != nil ? state.historyImages.first?.previewSource : nil
        guard jobPicture != nil || historyPicture != nil || state.compose.edit != nil else { return [] }
        let layout = StudioLayout(state)
        var keys = inputPreviewKeys(state, layout: layout)
        if let rect = layout.progress?.preview, let path = jobPicture {
            keys.append(PreviewKey(path: path, columns: rect.width, rows: rect.height))
        }
        if let rect = layout.history?.preview, let path = historyPicture {
            keys.append(PreviewKey(path: path, columns: rect.width, rows: rect.height))
        }
        return keys
    }

    /// Asks for every wanted picture not yet asked for, and forgets unwanted ones once there are
    /// more than a few, so the state stays small however long the session.
    ///
    /// Computing the layout on every action costs microseconds; doing it here keeps "what the
    /// screen needs" in one pure place that the tests can read.
    static func planPreviews(_ state: inout AppState) -> [Effect] {
        let wanted = wantedPreviews(state)
        let keep = Set(wanted)
        // A picture still being made that nothing shows any more is forgotten (the loader skips
        // it), so coming back to it asks again instead of waiting for an answer that never comes.
        for (key, slot) in state.previews where slot == .loading && !keep.contains(key) {
            state.previews[key] = nil
        }
        var effects: [Effect] = []
        for key in wanted where state.previews[key] == nil {
            state.previews[key] = .loading
            effects.append(.loadPreview(key))
        }
        if state.previews.count > previewCapacity {
            state.previews = state.previews.filter { keep.contains($0.key) }
        }
        return effects
    }

    /// A picture arrived (or could not be made); kept only while something still waits for it.
    static func previewEvent(_ state: inout AppState, _ key: PreviewKey, _ slot: PreviewSlot) {
        guard state.previews[key] != nil else { return }
        state.previews[key] = slot
    }
}
