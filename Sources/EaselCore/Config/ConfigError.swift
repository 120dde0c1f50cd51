/// A configuration file Easel cannot use, with where the problem is.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case invalid(path: String, key: String, reason: String)
    /// `invalid`, with where the key is written.
    case invalidAt(path: String, line: Int, column: Int, key: String, reason: String)
    case exposedSecret(path: String, key: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .syntax(let path, let line, let column, let reason): "\(path):\(line):\(column): \(reason)"
        case .invalid(let path, let key, let reason): "\(path): \(key): \(reason)"
        case .invalidAt(let path, let line, let column, let key, let reason): "\(path):\(line):\(column): \(key): \(reason)"
        case .exposedSecret(let path, let key):
            "\(path) holds \(key) but other users can read it; run: chmod 600 \(path)"
        }
    }
}
