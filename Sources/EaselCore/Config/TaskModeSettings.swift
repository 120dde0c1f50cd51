import Foundation

/// How Easel waits for a provider that can answer later instead of holding the request open
/// (Ace Data Cloud's task mode): whether to use it by default, how fast to poll, and the public
/// address its completion callback may be sent to.
public struct TaskModeSettings: Sendable, Hashable {
    /// Use the task mode without `--async` (`async = true`).
    public var asynchronous = false
    /// The public URL the provider POSTs the finished task to (`callback_url`); nil: poll only.
    public var callbackURL: String?
    /// Where the callback receiver listens (`callback_listen = "127.0.0.1:8765"`), when that is
    /// not the callback URL's own host and port (a reverse proxy or tunnel in front of it).
    public var callbackListen: String?
    /// The most task polls per second sent to one endpoint, across every job (`poll_rate`).
    public var pollRate: Double?

    public init(asynchronous: Bool = false, callbackURL: String? = nil, callbackListen: String? = nil, pollRate: Double? = nil) {
        self.asynchronous = asynchronous
        self.callbackURL = callbackURL
        self.callbackListen = callbackListen
        self.pollRate = pollRate
    }

    /// The config-file keys this type reads, in a provider's section.
    static let keys: Set<String> = ["async", "callback_url", "callback_listen", "poll_rate"]

    /// Reads one key of a provider section; `qualified` names it in errors.
    mutating func read(_ key: String, from section: TOMLTable, qualified: String, path: String) throws(ConfigError) {
        switch key {
        case "async":
            guard let value = section[key]?.bool else { throw .invalid(path: path, key: qualified, reason: "must be true or false") }
            asynchronous = value
        case "callback_url":
            guard let text = section[key]?.string, let url = URL(string: text),
                ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil
            else { throw .invalid(path: path, key: qualified, reason: "must be an http:// or https:// URL") }
            callbackURL = text
        case "callback_listen":
            guard let text = section[key]?.string, Self.listenAddress(text) != nil else {
                throw .invalid(path: path, key: qualified, reason: "must be HOST:PORT, e.g. \"127.0.0.1:8765\"")
            }
            callbackListen = text
        case "poll_rate":
            guard let value = section[key]?.double, value > 0, value <= 1000 else {
                throw .invalid(path: path, key: qualified, reason: "must be a number of requests per second above 0")
            }
            pollRate = value
        default:
            throw .invalid(path: path, key: qualified, reason: "unknown setting")
        }
    }

    /// Where the callback receiver should listen: `callback_listen`, else the callback URL's
    /// host and explicit port. Nil when there is no callback URL or no port to listen on.
    public var listenAddress: (host: String, port: Int)? {
        if let callbackListen { return Self.listenAddress(callbackListen) }
        guard let callbackURL, let components = URLComponents(string: callbackURL), let host = components.host,
            let port = components.port
        else { return nil }
        return (host, port)
    }

    /// Parses `HOST:PORT` (port 0 lets the system choose).
    static func listenAddress(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (host, port)
    }
}
