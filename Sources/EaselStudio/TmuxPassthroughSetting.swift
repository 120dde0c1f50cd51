import Foundation

/// tmux's `allow-passthrough` option, asked of the tmux server the studio runs under.
///
/// Escape sequences tmux does not know (kitty's APC) reach the outer terminal only when this is
/// `on` or `all` (tmux 3.3 and later); otherwise tmux drops them and a placeholder would show
/// nothing, so the studio falls back to symbols.
public enum TmuxPassthroughSetting {
    /// Whether `value` (what `tmux show -gv allow-passthrough` prints) lets passthrough through.
    public static func allows(_ value: String) -> Bool {
        let word = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return word == "on" || word == "all"
    }

    /// Asks tmux (`tmux show -gv allow-passthrough`), waiting at most `timeout` seconds; nil
    /// when tmux cannot be run or does not answer (older tmux has no such option: off).
    public static func query(environment: [String: String], timeout: Double = 1) -> Bool? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "show", "-gv", "allow-passthrough"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do {
            try process.run()
        } catch {
            return nil
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0 else { return false }
        return allows(String(decoding: data.prefix(64), as: UTF8.self))
    }
}
