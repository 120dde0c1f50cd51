/// Reads a `text/event-stream` body (the WHATWG server-sent events format) from chunks of bytes
/// cut anywhere, and hands back each event once its blank line arrives.
///
/// A pure state machine: no I/O, no clock. Lines may end in `\n`, `\r\n` or a lone `\r` (a
/// `\r\n` split across two chunks counts once); `:` lines are comments (servers send them as
/// keep-alives); `data:` lines are joined with `\n`; `id:` carries over to later events;
/// `retry:` is kept for whoever reconnects; unknown fields are ignored, as the format requires.
/// Memory is bounded: an event whose pending bytes pass `maxEventBytes` is an error, so a
/// hostile server streaming one endless event costs at most that much.
public struct SSEParser: Sendable {
    /// How the stream ended, once `finish()` is called.
    public enum Ending: Sendable, Hashable {
        /// At an event boundary: nothing was cut off.
        case clean
        /// Inside an event: fields (or part of a line) had arrived without the blank line that
        /// dispatches them, so the last event was lost.
        case midEvent
    }

    /// The most bytes one event may hold before its blank line (pending line plus data).
    public let maxEventBytes: Int
    /// The last `id:` value, carried over to every later event as the format says.
    public private(set) var lastEventID: String?
    /// The reconnection delay the server asked for with `retry:`, in milliseconds.
    public private(set) var retry: Int?

    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var eventType: String?
    /// A chunk ended in `\r`: a `\n` opening the next chunk belongs to the same line ending.
    private var pendingCR = false
    /// Some field of the current event has been read since the last dispatch.
    private var inEvent = false
    private var firstLine = true

    /// A parser that refuses events larger than `maxEventBytes`.
    public init(maxEventBytes: Int) {
        self.maxEventBytes = max(1, maxEventBytes)
    }

    /// Reads the next chunk and returns the events it completed, in order. After an error the
    /// parser should not be fed again.
    public mutating func feed(_ chunk: [UInt8]) throws(SSEParseError) -> [SSEEvent] {
        var events: [SSEEvent] = []
        var start = 0
        var index = 0
        let count = chunk.count
        if pendingCR, count > 0 {
            pendingCR = false
            if chunk[0] == Self.lf {
                start = 1
                index = 1
            }
        }
        while index < count {
            let byte = chunk[index]
            guard byte == Self.lf || byte == Self.cr else {
                index += 1
                continue
            }
            try append(chunk[start..<index])
            processLine(into: &events)
            if byte == Self.cr {
                if index + 1 < count {
                    if chunk[index + 1] == Self.lf { index += 1 }
                } else {
                    pendingCR = true
                }
            }
            index += 1
            start = index
        }
        try append(chunk[start..<count])
        return events
    }

    /// Says how the stream ended. An event without its closing blank line is not dispatched
    /// (the format discards it), so the caller learns it was cut.
    public func finish() -> Ending {
        inEvent || !line.isEmpty || !data.isEmpty ? .midEvent : .clean
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) throws(SSEParseError) {
        guard !bytes.isEmpty else { return }
        guard line.count + data.count + bytes.count <= maxEventBytes else {
            throw .eventTooLarge(limit: maxEventBytes)
        }
        line.append(contentsOf: bytes)
    }

    private mutating func processLine(into events: inout [SSEEvent]) {
        if firstLine {
            firstLine = false
            // A UTF-8 byte order mark may open the stream; the format says to drop it.
            if line.starts(with: Self.byteOrderMark) { line.removeFirst(Self.byteOrderMark.count) }
        }
        defer { clearLine() }
        guard let first = line.first else {
            dispatch(into: &events)
            return
        }
        if first == Self.colon { return }
        let colon = line.firstIndex(of: Self.colon) ?? line.endIndex
        let name = line[..<colon]
        var valueStart = colon < line.endIndex ? colon + 1 : colon
        if valueStart < line.endIndex, line[valueStart] == Self.space { valueStart += 1 }
        let value = line[valueStart...]
        inEvent = true
        switch String(decoding: name, as: UTF8.self) {
        case "data":
            data.append(contentsOf: value)
            data.append(Self.lf)
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "id":
            // An id holding NUL is ignored, as the format requires.
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        default:
            break
        }
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        inEvent = false
        defer {
            eventType = nil
            data = []
        }
        guard !data.isEmpty else { return }
        data.removeLast()
        let type = eventType.flatMap { $0.isEmpty ? nil : $0 } ?? "message"
        events.append(SSEEvent(type: type, data: data, id: lastEventID.flatMap { $0.isEmpty ? nil : $0 }))
    }

    private mutating func clearLine() {
        // Keep a small buffer's capacity for the next line; let a large one go.
        line.removeAll(keepingCapacity: line.count <= 64 << 10)
    }

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
