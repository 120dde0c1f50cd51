extension Reducer {
    /// How many pictures the state keeps before dropping those no view wants any more.
    static let previewCapacity = 12

    /// The pictures the screen shows for `state`: the viewer's, or the selected job's and the
    /// selected history entry's first image where their panes have room for one.
    public static func wantedPreviews(_ state: AppState) -> [PreviewKey] {
        screenPictures(state).all
    }

    /// The panes' wanted pictures, by pane (`PictureSpot`); empty while the viewer, the mask
    /// editor or a comparison covers them.
    static func spotPreviews(_ state: AppState) -> [PictureSpot: PreviewKey] {
        screenPictures(state).spots
    }

    /// Every picture the screen wants, and which of them the panes that follow a selection
    /// show: worked out together so the guards and the layout are written, and computed, once.
    private static func screenPictures(_ state: AppState) -> (all: [PreviewKey], spots: [PictureSpot: PreviewKey]) {
        guard state.context.pictures else { return ([], [:]) }
        if let editor = state.maskEditor {
            return (MaskLayout(state).previewKey(editor).map { [$0] } ?? [], [:])
        }
        if let viewer = state.viewer {
            return (ViewerLayout(state).previewKeys(viewer).compactMap { $0 }, [:])
        }
        if let comparison = state.history.comparison, state.focus.pane == .history {
            return (ComparisonView.pictureKeys(state, comparison).compactMap { $0 }, [:])
        }
        // Most actions (ticks, keys in the composer) come when no pane has a picture to show:
        // answer before laying out the whole screen.
        let jobPicture = state.jobs.indices.contains(state.selectedJob) ? state.jobs[state.selectedJob].previewPath : nil
        let historyPicture = state.history.entriesThread != nil ? state.historyImages.first?.previewSource : nil
        guard jobPicture != nil || historyPicture != nil || state.compose.edit != nil else { return ([], [:]) }
        let layout = StudioLayout(state)
        var spots: [PictureSpot: PreviewKey] = [:]
        if let rect = layout.progress?.preview, let path = jobPicture {
            spots[.job] = PreviewKey(path: path, columns: rect.width, rows: rect.height)
        }
        if let rect = layout.history?.preview, let path = historyPicture {
            spots[.history] = PreviewKey(path: path, columns: rect.width, rows: rect.height)
        }
        return (inputPreviewKeys(state, layout: layout) + [spots[.job], spots[.history]].compactMap { $0 }, spots)
    }

    /// Keeps each pane's last shown picture as its stand-in while the next one is made, for at
    /// most `PictureStandIns.window` from the change (not from each further step, so holding a
    /// key down does not keep an old picture up); an expired stand-in is dropped, and the pane
    /// says its picture is loading.
    private static func planStandIns(_ state: inout AppState, wanted: [PictureSpot: PreviewKey]) {
        var standIns = state.pictureStandIns
        for spot in PictureSpot.allCases {
            guard let key = wanted[spot] else {
                standIns.shown[spot] = nil
                standIns.until[spot] = nil
                continue
            }
            switch state.previews[key] {
            case .ready, .failed:
                standIns.shown[spot] = key
                standIns.until[spot] = nil
            case .loading, nil:
                guard let shown = standIns.shown[spot], shown != key else {
                    standIns.until[spot] = nil
                    continue
                }
                if let until = standIns.until[spot] {
                    if state.now >= until {
                        standIns.shown[spot] = nil
                        standIns.until[spot] = nil
                    }
                } else {
                    standIns.until[spot] = state.now + PictureStandIns.window
                }
            }
        }
        if standIns != state.pictureStandIns { state.pictureStandIns = standIns }
    }

    /// Asks for every wanted picture not yet asked for, and forgets unwanted ones once there are
    /// more than a few, so the state stays small however long the session.
    ///
    /// Computing the layout on every action costs microseconds; doing it here keeps "what the
    /// screen needs" in one pure place that the tests can read.
    static func planPreviews(_ state: inout AppState) -> [Effect] {
        let pictures = screenPictures(state)
        let wanted = pictures.all
        // Stand-ins are kept too: they are what the panes draw while the wanted ones are made.
        let keep = Set(wanted).union(state.pictureStandIns.shown.values)
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
        planStandIns(&state, wanted: pictures.spots)
        return effects
    }

    /// A picture arrived (or could not be made); kept only while something still waits for it.
    static func previewEvent(_ state: inout AppState, _ key: PreviewKey, _ slot: PreviewSlot) {
        guard state.previews[key] != nil else { return }
        state.previews[key] = slot
    }
}
