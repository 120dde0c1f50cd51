import Glibc

extension GraphicsProbe {
    /// What a probe of a real terminal found.
    public struct Outcome: Sendable, Equatable {
        /// The merged capabilities.
        public var capabilities: GraphicsCapabilities
        /// The replies recognised, in arrival order.
        public var replies: [TerminalReply]
        /// Input read during the probe that was not a reply (typed-ahead keys, unknown
        /// sequences), in order; the caller decides whether to replay or drop it.
        public var otherInput: [UInt8]

        /// Makes an outcome (the probe does; tests make canned ones).
        public init(capabilities: GraphicsCapabilities, replies: [TerminalReply], otherInput: [UInt8] = []) {
            self.capabilities = capabilities
            self.replies = replies
            self.otherInput = otherInput
        }
    }

    /// Sends the queries (`queries(inTmux:)` unless `chosen` names others; DA1 must end them)
    /// to `output` and reads answers from `input` until DA1 arrives or
    /// `timeout` (capped at `maximumTimeout`) passes; never blocks beyond that.
    ///
    /// `input` is put in raw mode without echo for the duration, so replies are neither
    /// echoed nor held back for a newline, and its termios is restored on every path. Signal
    /// keys are off too (a Ctrl-C typed meanwhile arrives as byte 3 in `otherInput`): a
    /// SIGINT while raw would leave the user's shell without echo. When either descriptor is
    /// not a terminal nothing is sent and only the environment counts.
    ///
    /// A reply arriving after the deadline lands in the restored, cooked terminal and is
    /// echoed there; the generous ratio of timeout to a local terminal's answer time (well
    /// under a millisecond for tmux) keeps that to very slow links.
    public static func run(
        input: Int32, output: Int32, environment: [String: String], timeout: Duration = defaultTimeout,
        queries chosen: [UInt8]? = nil
    ) -> Outcome {
        let hints = GraphicsEnvironment(environment)
        let windowSize = Self.windowSize(of: output)
        var saved = termios()
        guard isatty(input) == 1, isatty(output) == 1, tcgetattr(input, &saved) == 0 else {
            return Outcome(
                capabilities: capabilities(replies: [], environment: hints, windowSize: windowSize),
                replies: [], otherInput: [])
        }
        var raw = saved
        // Not cfmakeraw: output processing (OPOST) stays on, so the caller's later "\n"
        // still returns the carriage.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR | IGNCR)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        // TCSANOW, never TCSADRAIN: draining waits for the terminal to read what was written,
        // which a hung terminal never does.
        guard tcsetattr(input, TCSANOW, &raw) == 0 else {
            return Outcome(
                capabilities: capabilities(replies: [], environment: hints, windowSize: windowSize),
                replies: [], otherInput: [])
        }
        defer { _ = tcsetattr(input, TCSANOW, &saved) }

        let deadline = ContinuousClock.now + min(max(timeout, .zero), maximumTimeout)
        var parser = TerminalReplyParser()
        var replies: [TerminalReply] = []
        if writeAll(chosen ?? queries(inTmux: hints.inTmux), to: output, before: deadline) {
            replies = readReplies(from: input, into: &parser, before: deadline)
        }
        parser.finish()
        return Outcome(
            capabilities: capabilities(replies: replies, environment: hints, windowSize: windowSize),
            replies: replies, otherInput: parser.takeOtherInput())
    }

    /// The most input one probe reads, so a terminal spewing bytes cannot keep it busy.
    static let maximumInput = 65536

    /// Reads and parses until the DA1 reply, end of input, an error, or the deadline.
    static func readReplies(
        from input: Int32, into parser: inout TerminalReplyParser, before deadline: ContinuousClock.Instant
    ) -> [TerminalReply] {
        var replies: [TerminalReply] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var total = 0
        while total < maximumInput {
            guard let milliseconds = millisecondsLeft(until: deadline) else { break }
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 { continue }  // the deadline check above ends the loop
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                break
            }
            // POLLHUP with nothing to read: the terminal is gone.
            if count == 0 { break }
            total += count
            let arrived = parser.feed(buffer[0..<count])
            replies += arrived
            if arrived.contains(where: { if case .primaryAttributes = $0 { true } else { false } }) { break }
        }
        return replies
    }

    /// Writes every byte unless the deadline passes first; false if it could not.
    static func writeAll(_ bytes: [UInt8], to output: Int32, before deadline: ContinuousClock.Instant) -> Bool {
        var written = 0
        while written < bytes.count {
            guard let milliseconds = millisecondsLeft(until: deadline) else { return false }
            var descriptor = pollfd(fd: output, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = bytes[written...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            written += count
        }
        return true
    }

    /// Whole milliseconds until `deadline`, rounded up so a short wait still waits; nil once
    /// it has passed.
    static func millisecondsLeft(until deadline: ContinuousClock.Instant) -> Int32? {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return nil }
        let (seconds, attoseconds) = left.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// The kernel's idea of the window size, or nil when `descriptor` is not a terminal.
    public static func windowSize(of descriptor: Int32) -> WindowSize? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return WindowSize(
            columns: Int(size.ws_col), rows: Int(size.ws_row), pixelWidth: Int(size.ws_xpixel),
            pixelHeight: Int(size.ws_ypixel))
    }
}
