// libFuzzer entry for EaselCore's text parsers, built by scripts/fuzz.sh from just the files
// they need. FUZZ_TARGET picks one: sanitizer, sse, retry-after, toml, form or multipart.
import Foundation

let fuzzTarget = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "sanitizer"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCore(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    switch fuzzTarget {
    case "sse":
        // Fed in uneven pieces, as a network would: the first byte picks the piece size.
        var parser = SSEParser(maxEventBytes: 4096)
        let step = max(1, Int(bytes.first ?? 1) % 64)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            guard (try? parser.feed(Array(bytes[offset..<end]))) != nil else { break }
            offset = end
        }
        _ = parser.finish()
    case "retry-after":
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let seconds = RetryAfter.seconds(
            retryAfterMs: parts.count > 1 ? parts[1] : nil, retryAfter: parts[0], now: Date(timeIntervalSince1970: 1_700_000_000))
        // RetryPolicy.decide turns a delay in (0, 120] into milliseconds; that must never trap.
        if let seconds, seconds > 0, seconds <= 120 {
            _ = Int64((seconds * 1000).rounded(.up))
        }
    case "toml":
        _ = try? TOML.parse(text)
    case "form":
        _ = FormDecoding.decode(text)
        if let fields = FormDecoding.decode(text) {
            // What decodes must survive an encode and decode unchanged.
            let again = FormDecoding.decode(FormEncoding.encode(fields))
            precondition(again.map { $0.map { [$0.0, $0.1] } } == fields.map { [$0.0, $0.1] }, "form round trip changed")
        }
    case "multipart":
        let split = bytes.firstIndex(of: 10) ?? 0
        let header = String(decoding: bytes[..<split], as: UTF8.self)
        let body = Array(bytes[min(bytes.count, split + 1)...])
        if let boundary = MultipartForm.boundary(contentType: header) {
            _ = MultipartForm.decode(body, boundary: boundary)
        }
        _ = MultipartForm.decode(body, boundary: "b")
    default:
        let line = TerminalText.oneLine(text, limit: 300)
        // Nothing that reaches the terminal may carry a control character (ESC, BEL, CR, LF...).
        precondition(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "control character left")
    }
    return 0
}
