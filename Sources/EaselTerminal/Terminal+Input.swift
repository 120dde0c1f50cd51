import CEaselTerminalSupport
import CNcursesw
import EaselUI
import Glibc

extension Terminal {
    /// Waits up to `timeout` (nil: indefinitely) for input or a wake-up and returns the events
    /// that arrived, possibly none.
    ///
    /// Input already buffered inside ncurses (a poll on the descriptor cannot see it) is
    /// returned at once without waiting.
    public func nextEvents(timeout: Duration?) -> [InputEvent] {
        guard isOpen else { return [] }
        // Counted because input can write: a resume re-enters curses mode, and ncurses may
        // answer some queries while reading.
        var events = countingOutput { signalEvents() + replayTypedAhead() + drainKeys() }
        if events.isEmpty {
            waitForInput(timeout: timeout)
            easel_term_drain_wake()
            events = countingOutput { signalEvents() + drainKeys() }
        }
        return Self.coalescingResizes(events)
    }

    /// The keys typed during the start-up probe, decoded as if ncurses had just read them.
    private func replayTypedAhead() -> [InputEvent] {
        guard !typedAhead.isEmpty else { return [] }
        let bytes = typedAhead
        typedAhead = []
        // Invalid UTF-8 is dropped here as ncurses would; each scalar goes to the decoder, which
        // also reads escape sequences (arrows, Alt-keys) from raw characters.
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0 != "\u{FFFD}" }
            .flatMap { decoder.decode(.character($0.value)) }
    }

    /// Makes a waiting `nextEvents` return; safe from any thread and from signal handlers.
    public func wake() {
        easel_term_wake()
    }

    /// Blocks in poll(2) on the terminal and the wake pipe, retrying when a signal interrupts.
    private func waitForInput(timeout: Duration?) {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var descriptors = [
            pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            var milliseconds: Int32 = -1
            if let deadline {
                let left = deadline - ContinuousClock.now
                milliseconds = Int32(clamping: Self.wholeMilliseconds(roundingUp: left))
            }
            let result = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if result < 0, errno == EINTR { continue }
            return
        }
    }

    /// `duration` in milliseconds, rounded up so a short timeout still waits; never negative.
    static func wholeMilliseconds(roundingUp duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        let partial = (attoseconds + perMillisecond - 1) / perMillisecond
        return seconds.multipliedReportingOverflow(by: 1000).overflow ? Int64.max : seconds * 1000 + partial
    }

    /// Events the signal handlers left behind: a resize, or a resume after an outside stop.
    private func signalEvents() -> [InputEvent] {
        var events: [InputEvent] = []
        if easel_term_take_resume() != 0 {
            reenterAfterStop()
            events.append(.resize(width: size.width, height: size.height))
        }
        if easel_term_take_resize() != 0 {
            var rows: Int32 = 0
            var columns: Int32 = 0
            if easel_term_window_size(outputFD, &rows, &columns) == 0 {
                // Our SIGWINCH handler replaces ncurses' own, so ncurses learns the size here.
                _ = resizeterm(rows, columns)
            }
            invalidateFrame()
            events.append(.resize(width: size.width, height: size.height))
        }
        return events
    }

    /// Reads every key ncurses has, in non-blocking mode, until it reports none.
    ///
    /// ncurses reads the descriptor itself and keeps what it read, so stopping at the first
    /// key would leave the rest invisible to poll until more input arrives.
    private func drainKeys() -> [InputEvent] {
        var events: [InputEvent] = []
        var value: wint_t = 0
        // Bounded so a terminal that keeps sending bytes ncurses rejects cannot hold the loop.
        var invalidBytes = 0
        while true {
            errno = 0
            let status = wget_wch(inputWindow, &value)
            if status == easel_err() {
                // A byte that is not UTF-8 also ends in ERR, with errno EILSEQ; ncurses has read
                // on to the end of that burst trying to complete it, so those bytes are gone.
                // The decoder closes an open paste there, and reading goes on.
                if errno == EILSEQ, invalidBytes < 4096 {
                    invalidBytes += 1
                    events += decoder.invalidInput()
                    continue
                }
                break
            }
            if status == KEY_CODE_YES {
                let code = Int32(bitPattern: value)
                if code == KEY_MOUSE {
                    events += decoder.flush()
                    events += mouseEvents()
                } else if code == KEY_RESIZE {
                    events += decoder.flush()
                    invalidateFrame()
                    events.append(.resize(width: size.width, height: size.height))
                } else {
                    events += decoder.decode(.keyCode(code))
                }
            } else {
                events += decoder.decode(.character(UInt32(value)))
            }
        }
        return events + decoder.flush()
    }

    /// Every mouse report ncurses has queued.
    ///
    /// One KEY_MOUSE can stand for several reports that arrived in one read (a click and a
    /// wheel turn over a slow link), and getmouse hands out one per call, so it is called
    /// until the queue is empty. getmouse takes the newest report first (it walks its ring
    /// buffer backwards), so the batch is reversed into the order the user acted in.
    private func mouseEvents() -> [InputEvent] {
        var reports: [MEVENT] = []
        var report = MEVENT()
        while reports.count < 64, getmouse(&report) == OK {
            reports.append(report)
        }
        // Translated oldest first: a drag's button is the one whose press came before it.
        return reports.reversed().compactMap { report in
            mouse.event(state: report.bstate, x: report.x, y: report.y).map(InputEvent.mouse)
        }
    }

    /// `events` with all but the last resize dropped: only the final size matters, and a
    /// SIGWINCH plus ncurses' own KEY_RESIZE can report the same change twice.
    static func coalescingResizes(_ events: [InputEvent]) -> [InputEvent] {
        guard let last = events.lastIndex(where: { if case .resize = $0 { true } else { false } }) else {
            return events
        }
        return events.enumerated().compactMap { index, event in
            if case .resize = event, index != last { return nil }
            return event
        }
    }
}
