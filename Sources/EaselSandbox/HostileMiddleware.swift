import EaselCore
import EaselImage
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// `easel sandbox --hostile`: rewrites every reply so the strings a client might show carry the
/// `HostileCorpus` — JSON text fields (titles, prompts, revised prompts, errors, task messages,
/// JSON nested in strings such as AUTOMATIC1111's `info`), URLs (percent-encoded, so downloads
/// still work), server-sent events, and bodies that are not JSON (with invalid
/// UTF-8 too). Reason phrases are not rewritten: SwiftNIO writes its own for every known status
/// code, and Easel does not read them. Ids, states and image bytes are left alone so every flow still
/// runs to the end and its saved images carry the corpus into `show` and `inspect`.
struct HostileMiddleware<Context: RequestContext>: RouterMiddleware {
    let seed: UInt64
    private let replies = NIOLockedValueBox<UInt64>(0)

    init(seed: UInt64) { self.seed = seed }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if request.uri.path.hasPrefix("/_sandbox") || request.uri.path.hasPrefix("/comfyui/ws") { return response }
        let number = replies.withLockedValue { value -> UInt64 in
            value += 1
            return value
        }
        var rewriter = HostileRewriter(seed: seed, reply: number)
        let type = response.headers[.contentType] ?? ""
        if type.hasPrefix("image/") || type.hasPrefix("application/octet-stream") { return response }
        if type.contains("text/event-stream") {
            let seed = seed
            response.body = response.body.map { buffer in
                var events = HostileRewriter(seed: seed, reply: number &+ UInt64(buffer.readableBytes))
                return ByteBuffer(string: events.event(String(buffer: buffer)))
            }
            return response
        }
        let collector = BodyCollector()
        let body = response.body
        try await body.write(collector)
        let bytes = collector.bytes
        var rewritten: [UInt8]
        if type.contains("json"), let value = JSONValue.parse(bytes) {
            rewritten = Array(rewriter.value(value, key: nil).jsonText.utf8)
        } else if bytes.isEmpty {
            rewritten = Array(("hx-empty " + rewriter.next()).utf8) + HostileCorpus.invalidUTF8
            if type.isEmpty { response.headers[.contentType] = "text/plain" }
        } else {
            rewritten = bytes + Array((" " + rewriter.next() + " ").utf8) + HostileCorpus.invalidUTF8
        }
        response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: rewritten))
        return response
    }
}

/// Puts the corpus into one reply's strings, a payload per string chosen by the seed.
struct HostileRewriter {
    let seed: UInt64
    let reply: UInt64
    private var index = 0

    /// Keys whose string values are text a client may show.
    static let textKeys: Set<String> = [
        "title", "prompt", "negative_prompt", "revised_prompt", "message", "msg", "error", "detail", "details",
        "description", "reason", "exception_message", "exception_type", "text", "label", "caption", "traceback",
        "errors", "info", "infotexts", "title_text", "hint", "warning", "warnings", "comment",
    ]

    init(seed: UInt64, reply: UInt64) {
        self.seed = seed
        self.reply = reply
    }

    /// The next payload.
    mutating func next() -> String {
        index += 1
        return HostileCorpus.payload(seed: seed, response: reply, index: index)
    }

    /// `value` with the corpus in its text fields; `key` is the field it is the value of.
    mutating func value(_ value: JSONValue, key: String?) -> JSONValue {
        switch value {
        case .object(let fields):
            var result: [String: JSONValue] = [:]
            for (name, field) in fields.sorted(by: { $0.key < $1.key }) { result[name] = self.value(field, key: name) }
            return .object(result)
        case .array(let items):
            return .array(items.map { self.value($0, key: key) })
        case .string(let text):
            guard let key else { return value }
            if key == "url" || key.hasSuffix("_url") || key == "href" { return .string(url(text)) }
            // Empty and "None" are sentinels (ai-client's `error` is "None" when there is none).
            guard Self.textKeys.contains(key), !text.isEmpty, text != "None" else { return value }
            // JSON inside a string (AUTOMATIC1111's `info`) gets the corpus in its own fields.
            if text.hasPrefix("{"), let inner = JSONValue.parse(Array(text.utf8)) {
                return .string(self.value(inner, key: nil).jsonText)
            }
            return .string(text + " " + next())
        default:
            return value
        }
    }

    /// A URL that still leads to the same file, with the corpus percent-encoded in its query.
    mutating func url(_ text: String) -> String {
        let payload = next().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return text + (text.contains("?") ? "&" : "?") + "hx=" + String(payload.prefix(600))
    }

    /// One server-sent event (`event: …` / `data: {json}` lines) with the corpus in its data.
    mutating func event(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("data: "), let value = JSONValue.parse(Array(line.dropFirst(6).utf8)) else { return String(line) }
            return "data: " + self.value(value, key: nil).jsonText
        }.joined(separator: "\n")
    }
}

/// Gathers a reply's body so it can be rewritten.
final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    private(set) var bytes: [UInt8] = []

    func write(_ buffer: ByteBuffer) async throws { bytes += buffer.readableBytesView }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
