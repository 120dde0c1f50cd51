import EaselCore
import EaselUI
import Foundation

/// The studio's loop: it owns the state and the screen on one thread, turns input and inbox
/// actions into reducer calls, runs the effects, and presents a new frame when something
/// changed. Background work reaches it only through `inbox`.
public final class Studio {
    /// How often running jobs' spinners and clocks move.
    public static let tickInterval = 0.25
    /// The shortest time between two frames drawn for job progress. Sixty-four jobs reporting
    /// one poll each would otherwise cost sixty-four frames; keys and answers are never held back.
    public static let newsFrameInterval = 0.05
    /// With this many jobs running, job news is drawn with the tick (4 frames a second), not 20:
    /// their polls arrive spread over the second, and a frame for each batch of them was most
    /// of the studio's CPU while it waited (2.3 % of a core with 64 jobs).
    public static let busyJobCount = 4

    public private(set) var state: AppState
    public let inbox: Inbox
    private let screen: any StudioScreen
    private let launcher: JobLauncher?
    private let history: HistoryLoader?
    private let previews: PreviewLoader?
    private let memory: StudioMemory?
    private let masks: MaskWriter?
    private let clock: StudioClock
    private var lastFrame: Frame?
    /// Reads and pictures asked for during a turn of the loop, started once its frame is out
    /// (`startBackgroundWork`). Started at once, the thread that runs one is woken on the
    /// studio's core and, on a two-core machine, runs first: a search held a typed letter's
    /// echo back for the query's 2–5 ms.
    private var backgroundWork: [Effect] = []
    /// Whether the loop is inside a turn (effects that start background work wait for its end).
    private var inTurn = false
    /// Sixel/iTerm2 pictures over the panes (nil: symbol pictures only); see `Studio+Pixels`.
    let pixels: PixelPictures?
    /// Whether pixel pictures are still drawn (a failure turns them off for the session).
    var pixelsOn: Bool
    /// The pixel pictures handed to the screen with the last frame.
    var lastPictures: [ScreenPicture] = []
    /// kitty's placeholder pictures, drawn as text cells (nil: none).
    private let placeholders: (any PlaceholderPictures)?
    /// When a picture the placeholder protocol held back may be sent: the frame is presented again.
    private var placeholderRetryAt: Double?
    /// Called on the loop's thread after each presented frame (tests and benchmarks watch it).
    public var onFrame: ((AppState, Frame) -> Void)?
    /// Called on the loop's thread at the end of every turn of the loop, with the state then and
    /// whether a frame is still held back (news arrived less than `newsFrameInterval` after
    /// the last frame).
    public var onCycle: ((AppState, Bool) -> Void)?
    /// Called on the loop's thread as each read or picture is started (tests check that it
    /// starts after the frame of the turn that asked for it).
    public var onBackgroundWork: ((Effect) -> Void)?

    /// Creates a loop for `state` on `screen`; `launcher` runs jobs (nil: submit only records);
    /// `memory` restores and keeps the unsent composer and past durations.
    public init(
        state: AppState, screen: any StudioScreen, launcher: JobLauncher?, history: HistoryLoader? = nil,
        previews: PreviewLoader? = nil, clock: StudioClock = StudioClock(), keymap: Keymap = .standard,
        memory: StudioMemory? = nil, masks: MaskWriter? = nil, pixels: PixelPictures? = nil,
        placeholders: (any PlaceholderPictures)? = nil
    ) {
        self.pixels = pixels
        pixelsOn = pixels != nil
        self.placeholders = placeholders
        self.memory = memory
        self.masks = masks
        self.state = state
        self.state.history.available = history != nil
        self.history = history
        self.previews = previews
        self.screen = screen
        self.launcher = launcher
        self.clock = clock
        self.state.context.keymap = keymap
        let waker = ScreenWaker(screen: screen)
        self.inbox = Inbox(wake: { waker.screen?.wake() })
        pixels?.onChange { waker.screen?.wake() }
    }

    /// Runs until the user quits; call on the thread that owns the screen.
    public func run() {
        let size = screen.size
        state.width = size.width
        state.height = size.height
        state.now = clock.now
        launcher?.recover(inbox: inbox)
        launcher?.loadCachedChoices(inbox: inbox)
        memory?.restore(inbox: inbox, catalog: state.context.catalog)
        present()
        // Pacing counts from the last frame drawn for job progress, not for a key or an answer.
        var lastNewsFrame = -Double.infinity
        var framePending = false
        onCycle?(state, false)
        while !state.quitting {
            var wait: Double? = state.activeJobCount > 0 ? Self.tickInterval : nil
            let newsInterval = state.activeJobCount >= Self.busyJobCount ? Self.tickInterval : Self.newsFrameInterval
            if framePending {
                wait = min(wait ?? .infinity, max(0, lastNewsFrame + newsInterval - clock.now))
            }
            // A changed picture held back for the link goes out at the next chance.
            if screen.picturesWaiting { wait = min(wait ?? .infinity, Self.pictureRetryInterval) }
            if let retry = placeholderRetryAt {
                wait = min(wait ?? .infinity, max(0, retry - clock.now))
            }
            // A pane showing its previous picture says "loading preview…" once its time is up.
            if let deadline = state.pictureStandIns.nextDeadline(after: clock.now) {
                wait = min(wait ?? .infinity, max(0, deadline - clock.now))
            }
            let events = screen.nextEvents(timeout: wait.map { .microseconds(Int64($0 * 1_000_000)) })
            inTurn = true
            // An idle loop sleeps without ticking: keys must see the time they were pressed at
            // (a job's start, the resend window), not the time of the last turn.
            if !events.isEmpty { dispatch(.tick(now: clock.now)) }
            for event in events where !state.quitting {
                dispatch(.input(event))
            }
            var urgent = !events.isEmpty
            if let placeholders, let notice = placeholders.terminalReplied(screen.takeGraphicsReplies()) {
                // Pixels are off from the next frame on, which is drawn now.
                dispatch(.noticed(StatusMessage(notice, kind: .warning)))
                lastFrame = nil
                urgent = true
            }
            for action in inbox.drain() {
                // Only job progress comes in bursts worth pacing; answers to what the user did
                // (search results, a thread's entries, a finished job) are drawn at once.
                if case .jobUpdated = action {} else { urgent = true }
                dispatch(action)
            }
            let now = clock.now
            let standIns = state.pictureStandIns
            dispatch(.tick(now: now))
            // A stand-in whose time is up gives way to "loading preview…" now, not paced.
            if state.pictureStandIns != standIns { urgent = true }
            if let retry = placeholderRetryAt, now >= retry { urgent = true }
            if urgent {
                present()
                framePending = false
            } else if now - lastNewsFrame >= newsInterval {
                present()
                lastNewsFrame = now
                framePending = false
            } else {
                framePending = true
            }
            startBackgroundWork()
            onCycle?(state, framePending)
        }
        // Quitting is not cancelling: jobs already sent finish on the server and are collected
        // from the journal next time.
        launcher?.leaveAll()
        memory?.keep(draft: Reducer.draftToKeep(state))
        // The terminal frees the images the studio sent (written when the screen closes).
        if let farewell = placeholders?.farewell(), !farewell.isEmpty { screen.writeGraphics(before: [], after: farewell) }
    }

    /// Applies one action and runs its effects.
    func dispatch(_ action: Action) {
        let effects = Reducer.reduce(&state, action)
        if let previews {
            previews.keep(only: Set(state.previews.compactMap { $0.value == .loading ? $0.key : nil }))
        }
        for effect in effects {
            switch effect {
            case .loadThreads, .loadEntries, .searchHistory, .loadCosts, .loadPreview:
                if inTurn { backgroundWork.append(effect) } else { run(effect) }
            default:
                run(effect)
            }
        }
    }

    /// Starts what `backgroundWork` holds, now that the turn's frame is out.
    private func startBackgroundWork() {
        inTurn = false
        let work = backgroundWork
        backgroundWork.removeAll()
        for effect in work { run(effect) }
    }

    private func run(_ effect: Effect) {
        switch effect {
        case .submit(let id, let request):
            if let launcher {
                launcher.start(id: id, request: request, inbox: inbox)
            }
        case .submitEdit(let id, let request, let edit):
            launcher?.start(id: id, request: request, edit: edit, inbox: inbox)
        case .inspectEditInputs(let check):
            if let launcher {
                launcher.inspectEdit(check, inbox: inbox)
            } else {
                inbox.post(.editInputsInspected(EditReports(check: check, inputs: [])))
            }
        case .convertEditInput(let conversion):
            if let launcher {
                launcher.convertEditInput(conversion, inbox: inbox)
            } else {
                inbox.post(.noticed(StatusMessage("nothing can be converted here", kind: .warning)))
            }
        case .completePath(let typed):
            let inbox = inbox
            DispatchQueue.global(qos: .userInitiated).async {
                let found = PathCompletion.complete(typed)
                inbox.post(.pathCompleted(typed: typed, completion: found.completion, matches: found.matches))
            }
        case .resume(let id, let journalID):
            launcher?.resume(id: id, journalID: journalID, inbox: inbox)
        case .fetchChoices(let provider):
            launcher?.fetchChoices(provider, inbox: inbox)
        case .cancel(let id):
            launcher?.cancel(id: id)
        case .hold(let id, let request):
            launcher?.hold(id: id, request: request, inbox: inbox)
        case .adoptHeld(let id, let journalID):
            launcher?.adoptHeld(id: id, journalID: journalID)
        case .dropHeld(let id):
            launcher?.dropHeld(id: id)
        case .loadThreads, .loadEntries, .searchHistory, .loadCosts:
            onBackgroundWork?(effect)
            history?.run(effect, inbox: inbox)
        case .renameThread, .deleteThread, .importThread, .syncHistory:
            history?.run(effect, inbox: inbox)
        case .loadPreview(let key):
            onBackgroundWork?(effect)
            if let previews {
                previews.load(key, inbox: inbox)
            } else {
                inbox.post(.previewFailed(key, "pictures are not available here"))
            }
        case .exportImage(let path, let directory):
            let inbox = inbox
            DispatchQueue.global(qos: .userInitiated).async {
                switch ImageExporter.export(path, into: directory) {
                case .success(let written): inbox.post(.noticed(StatusMessage("exported to \(written)", kind: .success)))
                case .failure(let failure): inbox.post(.noticed(StatusMessage("export failed: \(failure.message)", kind: .error)))
                }
            }
        case .saveMask(let request):
            let inbox = inbox
            guard let masks else {
                inbox.post(.maskSaved(.failure(MaskRefusal("this studio has no data directory to keep masks in"))))
                return
            }
            DispatchQueue.global(qos: .userInitiated).async {
                inbox.post(.maskSaved(masks.write(request)))
            }
        case .copyToClipboard(let text):
            screen.copyToClipboard(text)
        case .bell:
            screen.bell()
        case .setTitle(let title):
            screen.setTitle(TerminalText.oneLine(title, limit: 120))
        case .suspend:
            screen.suspend()
            lastFrame = nil
        case .quit:
            break
        }
    }

    /// Renders and shows a frame if it differs from the last one.
    func present() {
        // Derived from the state, not toggled by the editor's open/close paths: whatever
        // closes the editor (Esc, a confirm, a reset) turns drag reports off again.
        screen.setMouseMotion(state.maskEditor != nil)
        // An image that could not be made turns pixels off before this frame is drawn.
        if let failure = pixels?.takeFailure() { fallBackToSymbols(failure) }
        let frame = Renderer.render(state)
        let pictures = pixelPictures(for: frame)
        let retryDue = placeholderRetryAt.map { clock.now >= $0 } ?? false
        guard frame != lastFrame || pictures != lastPictures || screen.picturesWaiting || retryDue else { return }
        var grid = frame.grid
        if let placeholders {
            let drawn = placeholders.frame(for: frame.grid, now: clock.now)
            placeholderRetryAt = drawn.retryAt
            if !drawn.before.isEmpty || !drawn.after.isEmpty { screen.writeGraphics(before: drawn.before, after: drawn.after) }
            grid = drawn.grid
        }
        screen.present(grid, cursor: frame.cursor.map { ($0.x, $0.y) }, pictures: pictures)
        lastFrame = frame
        lastPictures = pictures
        onFrame?(state, frame)
        if let failure = screen.takePictureFailure() {
            fallBackToSymbols(failure)
            present()
        }
    }
}

/// Lets background tasks wake the loop. `wake()` is the one screen method documented as safe
/// from any thread, which is what makes this box's unchecked sendability sound.
private struct ScreenWaker: @unchecked Sendable {
    weak var screen: (any StudioScreen)?
}
