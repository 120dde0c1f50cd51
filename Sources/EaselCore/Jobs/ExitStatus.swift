/// How an Easel command ends, as its exit code: one table for every command, the README's
/// "Exit codes" section in code.
public enum ExitStatus: Int32, Sendable, Hashable, CaseIterable {
    /// Images saved; the command did what it was asked.
    case success = 0
    /// Another failure: the disk, a cancellation, a file that cannot be read.
    case failure = 1
    /// Invalid input or configuration: nothing was sent.
    case invalid = 2
    /// The provider refused the request or replied unreadably.
    case rejected = 3
    /// A network error or timeout (retries ran out; nothing uncertain was resent).
    case network = 4
    /// A generation request may have been received; it was not sent again.
    case outcomeUnknown = 5
    /// Ended by SIGINT (128 + 2), after restoring the terminal.
    case interrupted = 130
    /// Ended by SIGQUIT (128 + 3), after restoring the terminal.
    case quit = 131
}
