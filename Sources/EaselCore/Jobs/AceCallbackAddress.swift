import Foundation

/// How an Ace Data Cloud task's `callback_url` names its job: the receiver's address plus the
/// job's trace id and a per-job secret as query parameters. Query parameters rather than path
/// segments so a reverse proxy in front of the receiver may rewrite the path freely.
public enum AceCallbackAddress {
    /// The query parameter holding the trace id.
    public static let traceParameter = "trace"
    /// The query parameter holding the secret; `SecretRedactor` hides its value in every log line.
    public static let secretParameter = "secret"

    /// A new secret: 32 bytes from the system's random source (256 bits), as lowercase hex.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// `base` with the task's trace id and secret appended to its query; `base` alone when the
    /// task has no secret.
    public static func url(base: String, task: RemoteTask) -> String {
        guard let secret = task.callbackSecret else { return base }
        let (front, fragment) = split(base, at: "#")
        let joiner = front.contains("?") ? (front.hasSuffix("?") || front.hasSuffix("&") ? "" : "&") : "?"
        let query = "\(traceParameter)=\(escaped(task.traceID))&\(secretParameter)=\(escaped(secret))"
        return front + joiner + query + (fragment.map { "#" + $0 } ?? "")
    }

    /// The trace id and secret in a request's query string (the part after `?`); nil for either
    /// that is missing or empty.
    public static func credentials(inQuery query: String) -> (trace: String?, secret: String?) {
        var trace: String?
        var secret: String?
        for pair in query.split(separator: "&") {
            let (name, value) = split(String(pair), at: "=")
            guard let value, let decoded = value.removingPercentEncoding, !decoded.isEmpty else { continue }
            switch name {
            case traceParameter: trace = decoded
            case secretParameter: secret = decoded
            default: continue
            }
        }
        return (trace, secret)
    }

    /// Compares two secrets in time that depends only on their lengths, so a caller cannot find a
    /// secret byte by byte from how long refusals take.
    public static func matches(_ given: String, _ expected: String) -> Bool {
        let left = Array(given.utf8)
        let right = Array(expected.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            let one = index < left.count ? left[index] : 0
            let other = index < right.count ? right[index] : 0
            difference |= one ^ other
        }
        return difference == 0
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }

    private static func escaped(_ text: String) -> String {
        // RFC 3986's unreserved characters stay as they are; the rest is percent-encoded.
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
