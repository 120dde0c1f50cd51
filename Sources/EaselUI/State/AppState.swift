import EaselCore

/// Everything the studio shows, as one value. The reducer is the only thing that changes it;
/// rendering reads it and nothing else.
public struct AppState: Sendable, Hashable {
    public var context: StudioContext
    /// Terminal size in cells.
    public var width: Int
    public var height: Int
    /// Seconds on the studio's monotonic clock; moved forward by `tick` and timed events.
    public var now: Double
    public var focus: Focus
    public var compose: ComposeState
    /// Newest first.
    public var jobs: [JobRow]
    public var selectedJob: Int
    public var history: HistoryState
    public var nextJobID: JobID
    public var message: StatusMessage?
    public var showHelp: Bool
    /// How many rows the help overlay is scrolled down.
    public var helpScroll: Int
    /// Set while asking whether to quit with jobs still running.
    public var confirmingQuit: Bool
    /// Set once the reducer has asked to quit.
    public var quitting: Bool
    /// Whether a finished job put its news in the terminal title (cleared once seen).
    public var titleHasNews: Bool
    /// Pictures the views want, by what they want; kept small by the reducer.
    public var previews: [PreviewKey: PreviewSlot]
    /// The pictures the job and history panes keep on screen while their next one is made.
    public var pictureStandIns: PictureStandIns
    /// The full-screen image viewer, when open.
    public var viewer: ViewerState?
    /// The mask editor, open over the viewer's image.
    public var maskEditor: MaskEditorState?
    /// The last mask saved for each image (by the image's path or URL), for the edit composer.
    public var savedMasks: [String: String] = [:]
    /// The edit's inputs as last checked at the edge (size, format, what keeps them from the
    /// model, the conversions offered); `editCheckAsked` is the check under way.
    public var editReports: EditReports?
    /// The path being typed for a new edit input (Alt-A in edit mode); Tab completes it.
    public var inputPath: TextEditor?
    public var editCheckAsked: EditCheck?
    /// Open while the user types the directory to export an image into.
    public var export: ExportPrompt?
    /// Requests sent in the last `Reducer.resendWindow` seconds, oldest first.
    public var recentSends: [RecentSend] = []
    /// A send held back until the user confirms it: the same request went out moments ago.
    public var confirmingSend: ResolvedRequest?
    /// Jobs held back by their provider's concurrency limit, in the order they will be sent.
    public var queue: [QueuedJob] = []
    /// Local backends whose server could not be reached, with why: their queued jobs wait
    /// (unsent, kept) instead of failing one after another, until `R` retries or a job of theirs
    /// succeeds.
    public var unreachable: [ProviderID: String] = [:]
    /// Seconds that recent successful jobs took, newest last, for the ETAs of running ones.
    public var durations: [DurationKey: [Double]] = [:]
    /// What each provider's server offers for free-text settings (A1111's checkpoints, samplers,
    /// schedulers), as last fetched: the composer cycles through these.
    public var serverChoices: [ProviderID: ServerChoices] = [:]

    /// A studio at `width`×`height` on `context`, composing for the configured (or the catalog's
    /// first) provider and model.
    public init(context: StudioContext, width: Int, height: Int, provider: ProviderID? = nil, model: String? = nil) {
        let entry = provider.flatMap { context.catalog.provider($0) } ?? context.catalog.providers[0]
        let modelID = model.flatMap { entry.model($0)?.id } ?? entry.defaultModel
        self.context = context
        self.width = width
        self.height = height
        self.now = 0
        self.focus = .prompt
        self.compose = ComposeState(provider: entry.id, model: modelID)
        self.jobs = []
        self.selectedJob = 0
        self.history = HistoryState(available: true)
        self.nextJobID = 1
        self.message = nil
        self.showHelp = false
        self.helpScroll = 0
        self.confirmingQuit = false
        self.quitting = false
        self.titleHasNews = false
        self.previews = [:]
        self.pictureStandIns = PictureStandIns()
        self.viewer = nil
        self.maskEditor = nil
        self.export = nil
    }

    /// Jobs not yet finished.
    public var activeJobCount: Int { jobs.count { !$0.phase.isFinished } }

    /// The pane with the keyboard.
    public var focusedPane: PaneID { focus.pane }
}
