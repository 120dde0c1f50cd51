import Foundation

/// Names a running process in a way that survives pid reuse: the pid plus the kernel's start
/// time of that pid (`/proc/PID/stat` field 22), as `"PID:START"`.
public enum ProcessIdentity {
    /// This process.
    public static let current: String = identity(of: getpid()) ?? "\(getpid()):0"

    /// The identity of `pid` now, or nil when no such process runs. A zombie (killed but not
    /// yet collected by its parent) or a dead task counts as not running: it will never finish
    /// its jobs.
    public static func identity(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name (which may hold spaces and parentheses) start at 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, fields[0] != "Z", fields[0] != "X", fields[0] != "x" else { return nil }
        return "\(pid):\(fields[19])"
    }

    /// Whether the process `identity` names is still running.
    public static func isAlive(_ identity: String) -> Bool {
        guard let pid = identity.split(separator: ":").first.flatMap({ Int32($0) }) else { return false }
        return Self.identity(of: pid) == identity
    }
}
