import CEaselTerminalSupport
import CNcursesw
import EaselUI
import Glibc

/// The studio's screen on a real terminal, through ncursesw: the only code in Easel that calls
/// ncurses.
///
/// It is a blitter: `present` diffs the new grid against the last one and writes the changed
/// runs through `FrameWriter` (ncurses only clears the screen and keeps the modes); `nextEvents` waits on the terminal and a wake pipe and decodes keys, pastes, mouse and
/// resizes. ncurses is process-global and not thread-safe, so one `Terminal` exists at a time
/// and only its owning thread may use it (`wake()` excepted). `shutdown()` gives the terminal
/// back exactly as it was; signal handlers and an exit hook do the same if the process dies.
public final class Terminal: StudioScreen {
    /// How colours are sent, decided at open from terminfo and `NO_COLOR`.
    public let colorMode: ColorMode
    /// Bytes written to the terminal so far (ncurses' output and our own), for tests that
    /// hold the output's size to a bound. Counted only when opened with `countingBytes` (two
    /// reads of Linux's `/proc/thread-self/io` around every call that may write, which the
    /// studio has no use for); stays 0 otherwise, and where that counter does not exist.
    public private(set) var bytesWritten = 0
    /// Whether `bytesWritten` is kept.
    let countsBytes: Bool
    /// Whether `shutdown()` has not run yet.
    public private(set) var isOpen = true

    let inputFD: Int32
    let outputFD: Int32
    let wakeFD: Int32
    let screen: OpaquePointer
    let inputFile: UnsafeMutablePointer<FILE>
    let outputFile: UnsafeMutablePointer<FILE>
    /// A 1×1 pad that keys are read through, configured like stdscr would be.
    ///
    /// wgetch on a window refreshes that window first when it was touched, which after a
    /// resize would paint an empty stdscr before the studio drew its frame (and write bytes
    /// outside `present`). wgetch never refreshes a pad.
    let inputWindow: UnsafeMutablePointer<WINDOW>
    let titleSupported: Bool
    let pasteSupported: Bool

    var palette: RolePalette
    /// Each style's ink in this theme (`ink(of:)`).
    var inks: [CellStyle: Ink] = [:]
    /// The text layer's output (`Terminal+Present.swift`): what it last left in the pen and
    /// the cursor carries over from frame to frame.
    var writer: FrameWriter
    /// Cells whose content on the screen is unknown (an image failed halfway over them),
    /// rewritten by the next frame.
    var staleCells: [Rect] = []
    var decoder: KeyDecoder
    /// Keys typed while the start-up probe read the terminal's replies: handed to the decoder
    /// before anything ncurses reads, so nothing typed during start-up is lost.
    var typedAhead: [UInt8] = []
    var mouse = MouseTranslation()
    /// Whether drag (button-event motion) reports are on; see `setMouseMotion`.
    var mouseMotion = false
    /// Whether this terminal's entry reads SGR 1006 mouse reports (`kmous` is `ESC[<`).
    let sgrMouse: Bool
    var lastGrid: CellGrid?
    var lastCursor: (x: Int, y: Int)?
    var cursorVisible: Bool?
    var pendingTitle: String?
    /// OSC 52 sequences to write after the next frame.
    var pendingClipboard: [[UInt8]] = []
    /// Pixel-protocol bytes for before and after the next frame's cells (`writeGraphics`).
    var pendingGraphicsBefore: [UInt8] = []
    var pendingGraphicsAfter: [UInt8] = []
    var countingDepth = 0
    /// The sixel/iTerm2 images over the text layer (`Terminal+Pictures.swift`).
    var pixels = PixelOverlay()
    /// Why writing an image failed, until the studio takes it.
    var pictureFailure: String?
    /// Whether the last frame left a changed image waiting for the link.
    var picturesDeferred = false
    /// The zero of the overlay's clock.
    let openedAt = ContinuousClock.now

    private init(
        input: Int32, output: Int32, wakeFD: Int32, screen: OpaquePointer,
        inputWindow: UnsafeMutablePointer<WINDOW>,
        inputFile: UnsafeMutablePointer<FILE>, outputFile: UnsafeMutablePointer<FILE>,
        palette: RolePalette, decoder: KeyDecoder, titleSupported: Bool, pasteSupported: Bool, sgrMouse: Bool,
        countsBytes: Bool
    ) {
        self.countsBytes = countsBytes
        inputFD = input
        outputFD = output
        self.wakeFD = wakeFD
        self.screen = screen
        self.inputWindow = inputWindow
        self.inputFile = inputFile
        self.outputFile = outputFile
        self.palette = palette
        colorMode = palette.mode
        self.decoder = decoder
        self.titleSupported = titleSupported
        self.pasteSupported = pasteSupported
        self.sgrMouse = sgrMouse
        writer = FrameWriter(sequences: Self.drawingSequences(), libcWidth: { Int(easel_wcwidth(wchar_t($0.value))) })
    }

    deinit {
        shutdown()
    }

    /// Takes over the terminal on `input`/`output` (normally 0 and 1): checks that both are
    /// ttys and that TERM names a usable terminal, then enters curses mode.
    ///
    /// Every check that can fail runs before the terminal is touched, so a thrown error leaves
    /// it as it was. `environment` supplies `TERM` and `NO_COLOR`; the locale comes from the
    /// process environment, as `setlocale` reads it.
    ///
    /// `probe` runs once the terminal is known to be usable (both ends ttys, TERM known to
    /// terminfo) and before curses reads a key or sets its modes: the place to ask the
    /// terminal questions whose answers must not reach the key reader. It returns the input
    /// it read that was not an answer (keys typed meanwhile), which is read as typed first.
    public static func open(
        theme: Theme, environment: [String: String], input: Int32 = 0, output: Int32 = 1, countingBytes: Bool = false,
        probe: (_ input: Int32, _ output: Int32) -> [UInt8] = { _, _ in [] }
    ) throws(TerminalError) -> Terminal {
        guard isatty(input) == 1 else { throw .notATerminal(stream: "standard input") }
        guard isatty(output) == 1 else { throw .notATerminal(stream: "standard output") }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else { throw .dumbTerminal }
        guard easel_term_is_installed() == 0 else { throw .alreadyOpen }
        guard UnicodeLocale.adopt() else { throw .noUnicodeLocale }

        let bytesBeforeOpen = countingBytes ? easel_term_thread_bytes_written() : -1
        guard easel_term_save_termios(output) == 0 else { throw .setupFailed("cannot read the terminal's settings") }
        // Our handlers go in before newterm: ncurses installs its own SIGINT/SIGTERM/SIGTSTP/
        // SIGWINCH handlers only where it finds the default action, so it leaves ours alone.
        let wakeFD = easel_term_install()
        guard wakeFD >= 0 else { throw .setupFailed("cannot create the wake pipe") }

        // ncurses fcloses the FILEs we give it at delscreen time, so it gets duplicates and the
        // caller's descriptors stay open.
        guard let outputFile = fdopen(dup(output), "w") else {
            easel_term_uninstall()
            throw .setupFailed("cannot open the output stream")
        }
        guard let inputFile = fdopen(dup(input), "r") else {
            fclose(outputFile)
            easel_term_uninstall()
            throw .setupFailed("cannot open the input stream")
        }
        // ncurses prefers exported LINES/COLUMNS to the real window size, and shells or test
        // harnesses sometimes export stale ones; with use_tioctl the tty's own size wins.
        // (use_env(false) would be wrong: it falls back to terminfo's fixed 80×24.)
        use_env(true)
        use_tioctl(true)
        // newterm, unlike initscr, returns NULL for an unknown TERM instead of exiting.
        guard let screen = newterm(term, outputFile, inputFile) else {
            fclose(outputFile)
            fclose(inputFile)
            easel_term_restore_termios()
            easel_term_uninstall()
            throw .unknownTerminal(term)
        }
        _ = set_term(screen)
        // Left at once, before anything is drawn or any mode is set, so that every frame goes
        // out in one write. Until a screen has been left (endwin) and resumed, ncurses 6.4
        // flushes after every cursor movement (`_nc_mvcur` flushes while `_endwin` is still
        // `ewInitial`, which only doupdate's resume path changes): a step through the history
        // left in 24 writes, the first frame in over a hundred, over ssh each a packet with its
        // own headers. The first doupdate now resumes (alternate screen, prog mode, colours) as
        // after a suspend, and the modes set below go into the prog mode it restores.
        easel_forget_orig_colors()
        _ = endwin()
        let typedAhead = probe(input, output)
        guard let inputWindow = newpad(1, 1) else {
            _ = endwin()
            delscreen(screen)
            fclose(outputFile)
            fclose(inputFile)
            easel_term_restore_termios()
            easel_term_uninstall()
            throw .setupFailed("ncurses could not create its input window")
        }
        configureInputModes(inputWindow)

        let noColor = ColorMode.noColorRequested(in: environment)
        if !noColor, has_colors() {
            _ = start_color()
            // Pair 0 becomes the terminal's own colours instead of white on black: ncurses
            // switches back to pair 0 after every update, and "default" costs one short `op`
            // sequence instead of two colour sequences per frame.
            _ = use_default_colors()
        }
        let mode = ColorMode.detect(noColor: noColor, hasColors: has_colors(), colorCount: Int(easel_colors()))
        let palette = RolePalette(theme: theme, mode: mode, colorCount: Int(easel_colors()))

        let decoder = KeyDecoder(codes: resolveKeyCodes())
        _ = mousemask(MouseTranslation.requestedMask, nil)
        // Without this ncurses holds a press back for up to 1/6 s to see whether a release
        // follows and turn the pair into a click.
        _ = mouseinterval(0)

        let hasStatusLine = easel_tigetstr("tsl") != nil
        let terminal = Terminal(
            input: input, output: output, wakeFD: wakeFD, screen: screen, inputWindow: inputWindow,
            inputFile: inputFile, outputFile: outputFile, palette: palette, decoder: decoder,
            titleSupported: WindowTitle.isSupported(term: term, hasStatusLine: hasStatusLine),
            pasteSupported: easel_tigetstr("BE") != nil || WindowTitle.isSupported(term: term, hasStatusLine: false),
            sgrMouse: easel_tigetstr("kmous").map { String(cString: $0) == "\u{1B}[<" } ?? false, countsBytes: countingBytes)
        terminal.typedAhead = typedAhead
        let restore = terminal.restoreSequence
        easel_term_set_restore_sequence(restore, restore.count)
        terminal.setBracketedPaste(true)
        let bytesAfterOpen = countingBytes ? easel_term_thread_bytes_written() : -1
        if bytesBeforeOpen >= 0, bytesAfterOpen >= bytesBeforeOpen {
            terminal.bytesWritten = Int(bytesAfterOpen - bytesBeforeOpen)
        }
        return terminal
    }

    /// The modes the studio reads keys in; `window` is the one keys are read through.
    private static func configureInputModes(_ window: UnsafeMutablePointer<WINDOW>) {
        // raw, not cbreak: Ctrl-C, Ctrl-Z, Ctrl-S/Q must reach the keymap as keys.
        _ = raw()
        _ = noecho()
        // nonl: Enter arrives as CR, distinct from Ctrl-J (LF), and ncurses may use LF for
        // cursor motion without the tty adding CRs.
        _ = nonl()
        _ = keypad(window, true)
        // The default ESCDELAY is a full second, which makes Escape feel broken; 25 ms still
        // keeps sequences together over ssh.
        _ = set_escdelay(25)
        // meta: 8-bit input passes through, needed for UTF-8.
        _ = meta(window, true)
        _ = nodelay(window, true)
    }

    /// The codes for modified keys and the paste brackets in this terminal's key table,
    /// defining xterm's sequences where the terminfo entry has none (screen, tmux).
    private static func resolveKeyCodes() -> KeyDecoder.Codes {
        var codes = KeyDecoder.Codes()
        // Codes we assign ourselves start well above KEY_MAX and the codes ncurses gives
        // extended terminfo keys (KEY_MAX + 1 upwards), so the two never collide.
        var nextPrivateCode: Int32 = 0x2000
        func code(capability: String?, sequence: String) -> Int32? {
            if let capability, let string = easel_tigetstr(capability) {
                let existing = key_defined(string)
                if existing > 0 { return existing }
            }
            let existing = key_defined(sequence)
            if existing > 0 { return existing }
            // -1 means the sequence is a prefix of a longer key; defining it would shadow that key.
            if existing < 0 { return nil }
            let assigned = nextPrivateCode
            nextPrivateCode += 1
            return define_key(sequence, assigned) == OK ? assigned : nil
        }
        for key in ModifiedKey.all {
            if let keyCode = code(capability: key.capability, sequence: key.xtermSequence) {
                codes.modifiedKeys[keyCode] = key.press
            }
        }
        codes.pasteStart = code(capability: nil, sequence: "\u{1B}[200~")
        codes.pasteEnd = code(capability: nil, sequence: "\u{1B}[201~")
        return codes
    }

    /// What a signal or exit handler writes to leave curses mode without ncurses: leave the
    /// alternate screen, show the cursor, reset colours, stop mouse reports and bracketed paste,
    /// and take the keypad out of application mode.
    var restoreSequence: [UInt8] {
        func capability(_ name: String) -> String {
            easel_tigetstr(name).map { TerminfoText.strippingPadding(String(cString: $0)) } ?? ""
        }
        let text =
            capability("rmcup") + capability("cnorm") + capability("sgr0")
            + "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?2004l" + capability("rmkx")
        return Array(text.utf8)
    }

    /// Columns and rows right now.
    public var size: (width: Int, height: Int) {
        guard isOpen else { return (0, 0) }
        return (Int(easel_cols()), Int(easel_lines()))
    }

    /// Gives the terminal back as it was before `open`: leaves curses mode, turns mouse and
    /// bracketed paste off, restores the saved termios and removes the signal handlers.
    /// Safe to call more than once; later calls do nothing.
    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        countingOutput {
            // Whatever the studio queued last (deleting its images) goes before curses ends,
            // so the terminal frees them; ncurses has flushed after the last frame.
            let graphics = pendingGraphicsBefore + pendingGraphicsAfter
            if !graphics.isEmpty { writeDirectly(graphics) }
            pendingGraphicsBefore.removeAll()
            pendingGraphicsAfter.removeAll()
            setBracketedPaste(false)
            if mouseMotion { writeMotionMode(false) }
            _ = mousemask(0, nil)
            _ = endwin()
        }
        _ = delwin(inputWindow)
        delscreen(screen)
        fclose(outputFile)
        fclose(inputFile)
        easel_term_restore_termios()
        easel_term_uninstall()
    }

    /// Runs `body`, adding what the calling thread wrote meanwhile to `bytesWritten`; nested
    /// calls count once, in the outermost.
    ///
    /// ncurses 6 writes with write(2) on `fileno()` of its output FILE, so a counting FILE
    /// (fopencookie, whose fileno is -1) gets nothing at all; the kernel's per-thread write
    /// counter sees every byte instead, and only this thread writes while curses works.
    @discardableResult
    func countingOutput<Result>(_ body: () -> Result) -> Result {
        guard countsBytes else { return body() }
        countingDepth += 1
        let before = countingDepth == 1 ? easel_term_thread_bytes_written() : -1
        let result = body()
        countingDepth -= 1
        if before >= 0 {
            let after = easel_term_thread_bytes_written()
            if after >= before { bytesWritten += Int(after - before) }
        }
        return result
    }

    /// Writes `bytes` straight to the terminal, bypassing ncurses (which must have flushed).
    func writeDirectly(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { easel_term_write_all(outputFD, $0.baseAddress, $0.count) }
    }
}
