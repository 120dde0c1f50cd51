import Foundation

/// Writes lines to stderr, where progress and messages go so stdout stays for results.
struct StandardError: Sendable {
    var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func line(_ text: String) {
        write(text + "\n")
    }

    func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
