import Foundation
import Hummingbird

/// Checks the credentials of a request the way the real services do: a bearer token (or Azure's
/// `api-key` header), any non-empty one unless the sandbox was started with `--token`.
struct SandboxAuth: Sendable {
    var token: String?

    enum Outcome {
        case accepted
        case missing
        case wrong(String)
    }

    func check(_ request: Request) -> Outcome {
        var presented: String?
        if let header = request.headers[.authorization] {
            let pieces = header.split(separator: " ", maxSplits: 1)
            if pieces.count == 2, pieces[0].lowercased() == "bearer" {
                presented = String(pieces[1]).trimmingCharacters(in: .whitespaces)
            }
        }
        if presented == nil || presented?.isEmpty == true {
            presented = request.headers.first { $0.name.canonicalName == "api-key" }?.value
        }
        guard let presented, !presented.isEmpty else { return .missing }
        if let token, presented != token { return .wrong(presented) }
        return .accepted
    }

    /// A key as OpenAI shows a wrong one: the first and last few characters only.
    static func masked(_ key: String) -> String {
        guard key.count > 8 else { return "***" }
        return key.prefix(3) + "***" + key.suffix(4)
    }
}
