/// Removes secrets from text before it is logged or shown: the exact keys Easel holds, plus
/// anything shaped like a bearer token or an OpenAI-style key (servers sometimes echo keys back
/// in error messages, partly masked or not).
public struct SecretRedactor: Sendable, Hashable {
    public private(set) var secrets: [String]

    public init(secrets: [String] = []) {
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// A redactor that also hides `secret`.
    public func adding(_ secret: String) -> SecretRedactor {
        SecretRedactor(secrets: secrets + [secret])
    }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "[redacted]")
        }
        // Each pattern is compiled and run only where its fixed part occurs: every request's log
        // line passes through here, and compiling and running the three patterns on each was
        // most of what polling cost. (A compiled Regex is not Sendable, so it is not kept.)
        if result.range(of: "bearer", options: .caseInsensitive) != nil {
            result = Self.replace(pattern: #"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{4,}"#, in: result, keepingGroup: true)
        }
        if result.contains("sk-") {
            result = Self.replace(pattern: #"sk-[A-Za-z0-9_*-]{8,}"#, in: result, keepingGroup: false)
        }
        // Signed URLs (Azure SAS `sig`, S3 and GCS `X-…-Signature`, credentials and session
        // tokens in the query; an Ace callback address's per-job `secret`): the value goes, the
        // parameter's name stays.
        if result.contains("="), result.contains("?") || result.contains("&") {
            result = Self.replace(pattern: Self.signedQuery, in: result, keepingGroup: true)
        }
        return result
    }

    /// Query parameters that hold a signature, credential or token.
    static let signedQuery =
        #"(?i)([?&](?:sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|access_token|token|api-key|key|secret)=)[^&#\s]+"#

    private static func replace(pattern: String, in text: String, keepingGroup: Bool) -> String {
        guard let regex = try? Regex(pattern) else { return text }
        return text.replacing(regex) { match in
            if keepingGroup, match.output.count > 1, let prefix = match.output[1].substring {
                return String(prefix) + "[redacted]"
            }
            return "[redacted]"
        }
    }
}
