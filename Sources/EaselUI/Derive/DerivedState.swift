import EaselCore

/// What a frame is drawn from besides the state, worked out once per render: the layout, the
/// key contexts that apply, the composed request checked against the catalog, and the history
/// images the browser shows. Views read the state and this; they never call into the reducer,
/// and the reducer never renders.
struct DerivedState {
    let layout: StudioLayout
    let keyContexts: [KeyContext]
    /// Worked out only when the composer is on screen: the catalog resolve is the dearest
    /// selector, and browsing the history (a hot path) never shows it.
    let validation: Result<ResolvedRequest, ValidationFailure>?
    let historyImages: [ViewerImage]

    init(_ state: AppState) {
        historyImages = state.focusedPane == .history ? state.historyImages : []
        layout = StudioLayout(state, historyImages: historyImages)
        keyContexts = state.mode.keyContexts
        let composerShown = layout.compose != nil && state.maskEditor == nil && state.viewer == nil
        validation = composerShown ? state.validation : nil
    }
}
