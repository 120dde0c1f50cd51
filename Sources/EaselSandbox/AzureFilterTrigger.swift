import EaselCore
import EaselImage

/// A sandbox prompt's request for an Azure content-filter refusal, so clients can meet each of
/// its shapes on demand: `[blocked]` (or `[blocked:task]`), `[blocked:output]`,
/// `[blocked:policy]` and `[blocked:chat]`, optionally naming the categories to flag:
/// `[blocked:policy:violence,hate]`.
struct AzureFilterTrigger: Equatable {
    enum Shape: String {
        /// `{"created", "error": {"code": "contentFilter"}}`, prompt rejected.
        case task
        /// The same shape, the generated image filtered.
        case output
        /// `error.inner_error.content_filter_results` (the REST reference).
        case policy
        /// `error.innererror.content_filter_result` (the chat style).
        case chat
    }

    var shape: Shape
    var categories: [String]

    /// The categories a filter report carries, as Azure lists them for images.
    static let reported = ["hate", "self_harm", "sexual", "violence"]

    /// The trigger in a prompt, if there is one.
    init?(prompt: String) {
        guard let match = prompt.lowercased().firstMatch(of: /\[blocked(?::([a-z]+))?(?::([a-z_,]+))?\]/) else { return nil }
        let shape = match.1.map { Shape(rawValue: String($0)) } ?? .task
        guard let shape else { return nil }
        self.shape = shape
        let named = match.2.map { $0.split(separator: ",").map(String.init) } ?? []
        switch shape {
        case .task, .output: categories = named
        case .policy: categories = named.isEmpty ? ["violence"] : named
        case .chat: categories = named.isEmpty ? ["hate"] : named
        }
    }

    /// A filter report: every reported category safe except `flagging`, which are filtered at
    /// high severity; `jailbreak` is detected instead of rated.
    static func results(flagging: [String]) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        for name in Set(reported + flagging) {
            let flagged = flagging.contains(name)
            if name == "jailbreak" || name == "profanity" {
                fields[name] = .object(["filtered": .bool(flagged), "detected": .bool(flagged)])
            } else {
                fields[name] = .object(["filtered": .bool(flagged), "severity": .string(flagged ? "high" : "safe")])
            }
        }
        return .object(fields)
    }

    /// The prompt report of an accepted request: the image categories plus jailbreak and
    /// profanity detection, nothing flagged.
    static var safePromptResults: JSONValue {
        guard case .object(var fields) = results(flagging: []) else { return .null }
        fields["jailbreak"] = .object(["filtered": .bool(false), "detected": .bool(false)])
        fields["profanity"] = .object(["filtered": .bool(false), "detected": .bool(false)])
        return .object(fields)
    }
}
