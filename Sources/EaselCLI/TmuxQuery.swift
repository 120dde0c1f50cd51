import EaselGraphics
import EaselStudio
import Foundation

/// Asks the tmux server Easel runs under for its `allow-passthrough` setting, with a hard
/// deadline: a wedged tmux server must not hang `easel doctor`.
enum TmuxQuery {
    /// How long tmux gets to answer.
    static let timeout: TimeInterval = 1.5

    static func passthrough(environment: [String: String]) -> DoctorEvidence.TmuxAnswer {
        guard let socket = environment["TMUX"], !socket.isEmpty else { return .notInside }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "show", "-gv", "allow-passthrough"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { return .failed("tmux could not be run: \(error.localizedDescription)") }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 0.5)
            return .failed("tmux did not answer within \(timeout) s")
        }
        // The answer is one short word; an error is one line. Bounded either way.
        let bytes = output.fileHandleForReading.availableData.prefix(512)
        let text = String(decoding: bytes, as: UTF8.self)
        if process.terminationStatus != 0 {
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(process.terminationStatus)"
            return .failed(line)
        }
        return .passthrough(text)
    }

    /// Whether tmux lets kitty's escapes through: nil outside tmux or when it would not say.
    static func allowsPassthrough(environment: [String: String]) -> Bool? {
        switch passthrough(environment: environment) {
        case .passthrough(let value): TmuxPassthroughSetting.allows(value)
        case .failed: false
        default: nil
        }
    }
}
