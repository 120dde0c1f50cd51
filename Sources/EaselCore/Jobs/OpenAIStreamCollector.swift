import EaselImage
import Foundation

/// Turns the body of a streamed OpenAI generation into saved images while it arrives: bytes go
/// through an `SSEParser`, each partial image is decoded, saved as `<stem>-partial-<n>` and
/// reported at once, each completed image is saved as `<stem>-<n>`. Fed synchronously by the
/// transport, one chunk at a time; it never sends anything.
///
/// A server that ignores `stream: true` answers with a plain `ImagesResponse`; a body that opens
/// with `{` (an event stream never does) is therefore kept whole, bounded, for the usual decoding.
struct OpenAIStreamCollector {
    /// What the body turned out to be.
    enum Mode: Sendable, Hashable {
        case undecided
        case events
        case json
    }

    let runner: GenerationRunner
    let stem: String
    /// Every image and partial the request asked for: the progress total. Each event is reported
    /// as `.downloading(done:)` with the events before it, as the unstreamed flow counts.
    let expectedEvents: Int
    let jsonLimit: Int
    let progress: @Sendable (JobUpdate) -> Void

    private(set) var mode = Mode.undecided
    private(set) var json: [UInt8] = []
    private(set) var partials: [SavedImage] = []
    private(set) var finals: [SavedImage] = []
    private(set) var usage: JSONValue?
    /// Why reading stopped early, when it did.
    private(set) var failure: GenerationError?
    /// The server said `[DONE]`.
    private(set) var sawDone = false
    /// What was skipped on the way (unreadable partial images), for the result.
    private(set) var notices: [String] = []
    private var parser: SSEParser
    private var pending: [UInt8] = []
    private var received = 0
    /// Notes progress and tells when the stream has run out of time.
    let watch: StreamWatch
    /// Partial images the request asked for; more than that do not count as progress.
    private let expectedPartials: Int

    init(
        runner: GenerationRunner, stem: String, expectedEvents: Int, jsonLimit: Int,
        progress: @escaping @Sendable (JobUpdate) -> Void, deadlines: StreamDeadlines = StreamDeadlines(),
        expectedPartials: Int = .max
    ) {
        self.runner = runner
        self.stem = stem
        self.expectedEvents = max(1, expectedEvents)
        self.jsonLimit = jsonLimit
        self.progress = progress
        watch = StreamWatch(deadlines)
        self.expectedPartials = expectedPartials
        // One event carries one base64 image (4 bytes per 3) plus a little JSON around it.
        parser = SSEParser(maxEventBytes: runner.store.maxBytes / 3 * 4 + (64 << 10))
    }

    /// The most bytes a stream of `events` images may take in all.
    var streamLimit: Int { max(jsonLimit, expectedEvents * parser.maxEventBytes + (16 << 20)) }

    /// Takes the next chunk of the body; false means stop reading (an error, or `[DONE]`).
    mutating func consume(_ chunk: [UInt8]) -> Bool {
        guard failure == nil, !sawDone else { return false }
        if pastDeadline() { return false }
        if mode == .undecided {
            pending += chunk
            guard let first = pending.first(where: { !Self.whitespace.contains($0) }) else {
                guard pending.count <= 1 << 16 else {
                    failure = .badReply("the reply opens with more than 64 KiB of blank space")
                    return false
                }
                return true
            }
            mode = first == UInt8(ascii: "{") ? .json : .events
            let opening = pending
            pending = []
            return take(opening)
        }
        return take(chunk)
    }

    /// How the body ended: whether an event was cut off mid-way.
    func ending() -> SSEParser.Ending {
        mode == .events ? parser.finish() : .clean
    }

    /// Deletes the partial images' files: they were previews, and the job is over.
    mutating func discardPartials() {
        for image in partials { try? FileManager.default.removeItem(atPath: image.path) }
        partials = []
    }

    private mutating func take(_ chunk: [UInt8]) -> Bool {
        switch mode {
        case .json:
            guard json.count + chunk.count <= jsonLimit else {
                failure = .badReply("the reply is larger than the \(jsonLimit)-byte limit")
                return false
            }
            json += chunk
            return true
        case .events, .undecided:
            let events: [SSEEvent]
            do {
                events = try parser.feed(chunk)
            } catch {
                failure = .badReply(error.description)
                return false
            }
            for event in events where !handle(event) || pastDeadline() { return false }
            return true
        }
    }

    /// Acts on one event; false to stop reading.
    private mutating func handle(_ event: SSEEvent) -> Bool {
        guard let decoded = OpenAIImagesWire.decodeStreamEvent(event) else {
            failure = .badReply("a \"\(TerminalText.oneLine(event.type, limit: 60))\" event is not the documented JSON")
            return false
        }
        switch decoded {
        case .partial(let index, let base64):
            // Surplus previews move nothing on; they are not kept either (disk stays bounded).
            guard partials.count < expectedPartials else { return true }
            // A preview that cannot be read is skipped: the final image may still come.
            do {
                let image = try runner.save(try runner.decodeBase64(base64), stem: "\(stem)-partial-\(partials.count + 1)", verify: false)
                partials.append(image)
                received += 1
                watch.progressed()
                let partial = PartialImage(index: index ?? partials.count - 1, sequence: partials.count - 1, image: image)
                progress(JobUpdate(state: .downloading(done: received - 1, total: expectedEvents), partialImage: partial))
            } catch {
                notices.append("a partial image was skipped: \(error.description)")
            }
            return true
        case .completed(let base64, let usage):
            do {
                finals.append(try runner.save(try runner.decodeBase64(base64), stem: "\(stem)-\(finals.count + 1)"))
            } catch {
                failure = error
                return false
            }
            if let usage, usage != .null { self.usage = usage }
            received += 1
            watch.progressed()
            progress(JobUpdate(state: .downloading(done: received - 1, total: expectedEvents)))
            return true
        case .failed(let message):
            failure = .rejected(status: 200, message: message)
            return false
        case .done:
            sawDone = true
            return false
        case .other:
            // Event kinds added after this was written are not Easel's business.
            return true
        }
    }

    /// Records why reading stopped from outside (the watchdog's deadline).
    mutating func fail(_ error: GenerationError) {
        if failure == nil { failure = error }
    }

    /// Whether the stream has run out of time (then `failure` says which deadline passed).
    private mutating func pastDeadline() -> Bool {
        guard failure == nil else { return true }
        guard let expired = watch.check() else { return false }
        failure = expired
        return true
    }

    private static let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
}
