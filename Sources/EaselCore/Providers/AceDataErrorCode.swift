/// What Ace Data Cloud's documented error codes mean for the user, each as one line that says
/// what to do about it (seed 002 and the wire notes §5).
public enum AceDataErrorCode {
    /// The explanation for an error reply's status and code; unknown codes are named as they are.
    public static func explanation(status: Int, code: String?) -> String {
        switch (status, code) {
        case (_, "token_mismatched"):
            return "the token does not belong to this API (token_mismatched): use a token issued for OpenAI Images on platform.acedata.cloud"
        case (_, "api_not_implemented"):
            return "Ace Data Cloud does not offer this request (api_not_implemented): check the model and its settings"
        case (_, "bad_request"):
            return "Ace Data Cloud refused the request's parameters (bad_request)"
        case (_, "invalid_token"):
            return "the token was refused (invalid_token): check ACEDATA_TOKEN or the acedata token in the config file"
        case (_, "token_expired"):
            return "the token has expired (token_expired): make a new one on platform.acedata.cloud"
        case (_, "no_token"):
            return "no token was sent (no_token): set ACEDATA_TOKEN"
        case (_, "used_up"):
            return "the account's balance is used up (used_up): top it up on platform.acedata.cloud"
        case (_, "disabled"):
            return "the account or token is disabled (disabled)"
        case (_, "too_many_requests"):
            return "too many requests (too_many_requests): Ace Data Cloud's rate limit was reached; wait a little and try again"
        case (_, "api_error"):
            return "Ace Data Cloud failed while making the image (api_error)"
        case (504, _):
            return "Ace Data Cloud gave up waiting for the image (HTTP 504); the image may still be made and charged, and the request was not sent again; use --async for long generations"
        case (502, _):
            return "a gateway in front of Ace Data Cloud failed (HTTP 502); the image may still be made, and the request was not sent again"
        case (403, let code):
            return "the request was refused, probably by content moderation\(code.map { " (\($0))" } ?? "")"
        case (_, let code?):
            return "Ace Data Cloud error \(TerminalText.oneLine(code, limit: 60)) (HTTP \(status))"
        case (_, nil):
            return "Ace Data Cloud answered HTTP \(status)"
        }
    }
}
