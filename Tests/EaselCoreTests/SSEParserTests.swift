import EaselCore
import Testing

/// The event-stream reader on its own: line endings, fields, comments, chunking, limits, ends.
struct SSEParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var stream: String
        var events: [SSEEvent]
        var ending: SSEParser.Ending
        var testDescription: String { name }
    }

    static func event(_ data: String, id: String? = nil) -> SSEEvent {
        SSEEvent(type: "message", data: Array(data.utf8), id: id)
    }

    static func event(_ type: String, _ data: String) -> SSEEvent {
        SSEEvent(type: type, data: Array(data.utf8))
    }

    static let cases: [Case] = [
        Case(name: "one named event", stream: "event: image_generation.completed\ndata: {\"a\":1}\n\n",
             events: [event("image_generation.completed", "{\"a\":1}")], ending: .clean),
        Case(name: "no event field means message", stream: "data: x\n\n", events: [event("x")], ending: .clean),
        Case(name: "data lines join with newlines", stream: "data: one\ndata:two\ndata\n\n",
             events: [event("one\ntwo\n")], ending: .clean),
        Case(name: "only one leading space is dropped", stream: "data:  two spaces\n\n",
             events: [event(" two spaces")], ending: .clean),
        Case(name: "CRLF line ends", stream: "event: e\r\ndata: a\r\n\r\n", events: [event("e", "a")], ending: .clean),
        Case(name: "lone CR line ends", stream: "event: e\rdata: a\r\r", events: [event("e", "a")], ending: .clean),
        Case(name: "comments and keep-alives are ignored",
             stream: ": keep-alive\n\n:ping\ndata: a\n: in the middle\ndata: b\n\n: bye\n\n",
             events: [event("a\nb")], ending: .clean),
        Case(name: "an event without data is not dispatched and its type is forgotten",
             stream: "event: lonely\n\ndata: x\n\n", events: [event("x")], ending: .clean),
        Case(name: "unknown fields are ignored", stream: "foo: bar\ndata: x\nbaz\n\n", events: [event("x")], ending: .clean),
        Case(name: "id carries over to later events; an id holding NUL is ignored",
             stream: "id: 7\ndata: a\n\ndata: b\n\nid: 8\u{0}\ndata: c\n\nid\ndata: d\n\n",
             events: [event("a", id: "7"), event("b", id: "7"), event("c", id: "7"), event("d")], ending: .clean),
        Case(name: "a byte order mark at the start is dropped", stream: "\u{FEFF}data: x\n\n", events: [event("x")], ending: .clean),
        Case(name: "two events back to back", stream: "event: a\ndata: 1\n\nevent: b\ndata: 2\n\n",
             events: [event("a", "1"), event("b", "2")], ending: .clean),
        Case(name: "cut after a field, before the blank line", stream: "event: e\ndata: {\"half\":", events: [], ending: .midEvent),
        Case(name: "cut after a whole line of an event", stream: "data: a\n\ndata: b\n", events: [event("a")], ending: .midEvent),
        Case(name: "cut inside a comment", stream: ": keep-al", events: [], ending: .midEvent),
        Case(name: "ended after a comment line", stream: "data: a\n\n: done\n", events: [event("a")], ending: .clean),
        Case(name: "error event", stream: "event: error\ndata: {\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":null}\n\n",
             events: [event("error", "{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":null}")], ending: .clean),
    ]

    func parse(_ chunks: [[UInt8]], limit: Int = 1 << 20) throws -> ([SSEEvent], SSEParser.Ending) {
        var parser = SSEParser(maxEventBytes: limit)
        var events: [SSEEvent] = []
        for chunk in chunks { events += try parser.feed(chunk) }
        return (events, parser.finish())
    }

    @Test(arguments: cases)
    func wholeStream(_ item: Case) throws {
        let (events, ending) = try parse([Array(item.stream.utf8)])
        #expect(events == item.events)
        #expect(ending == item.ending)
    }

    @Test(arguments: cases)
    func everySplitIntoTwoReadsGivesTheSameEvents(_ item: Case) throws {
        let bytes = Array(item.stream.utf8)
        for cut in 0...bytes.count {
            let (events, ending) = try parse([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(events == item.events, "cut at \(cut)")
            #expect(ending == item.ending, "cut at \(cut)")
        }
    }

    @Test(arguments: cases)
    func oneByteAtATimeGivesTheSameEvents(_ item: Case) throws {
        let (events, ending) = try parse(Array(item.stream.utf8).map { [$0] })
        #expect(events == item.events)
        #expect(ending == item.ending)
    }

    @Test func crlfSplitBetweenReadsIsOneLineEnd() throws {
        // Were the \r and the \n taken as two line ends, the empty line between them would
        // dispatch "a" on its own.
        let (events, _) = try parse([Array("data: a\r".utf8), Array("\ndata: b\r\n\r\n".utf8)])
        #expect(events == [Self.event("a\nb")])
        let (empty, _) = try parse([Array("data: a\r".utf8), [], Array("\n\n".utf8)])
        #expect(empty == [Self.event("a")])
    }

    @Test func eventsComeOutAsSoonAsTheirBlankLineArrives() throws {
        var parser = SSEParser(maxEventBytes: 1024)
        #expect(try parser.feed(Array("event: p\ndata: 1".utf8)) == [])
        #expect(try parser.feed(Array("\n".utf8)) == [])
        #expect(try parser.feed(Array("\n".utf8)) == [Self.event("p", "1")])
        #expect(parser.finish() == .clean)
    }

    @Test func retryTakesOnlyDigits() throws {
        var parser = SSEParser(maxEventBytes: 1024)
        _ = try parser.feed(Array("retry: 1500\n\n".utf8))
        #expect(parser.retry == 1500)
        _ = try parser.feed(Array("retry: 2s\n\nretry:\n\n".utf8))
        #expect(parser.retry == 1500)
    }

    @Test func anEventLargerThanTheLimitFailsBeforeItIsHeld() throws {
        var parser = SSEParser(maxEventBytes: 1000)
        #expect(try parser.feed(Array("data: ".utf8) + [UInt8](repeating: 0x41, count: 900)) == [])
        #expect(throws: SSEParseError.eventTooLarge(limit: 1000)) {
            try parser.feed([UInt8](repeating: 0x41, count: 200))
        }
        // Data already taken from earlier lines counts too.
        var lines = SSEParser(maxEventBytes: 1000)
        let line = Array("data: ".utf8) + [UInt8](repeating: 0x42, count: 400) + [0x0A]
        _ = try lines.feed(line + line)
        #expect(throws: SSEParseError.eventTooLarge(limit: 1000)) { try lines.feed(line) }
    }

    @Test func anEndlessEventStaysWithinTheLimit() throws {
        // A hostile server streaming one event forever: the parser gives up at the limit, after
        // holding no more than the limit.
        var parser = SSEParser(maxEventBytes: 1 << 20)
        let chunk = [UInt8](repeating: 0x41, count: 64 << 10)
        _ = try parser.feed(Array("data: ".utf8))
        var fed = 0
        do {
            while fed < 1 << 30 {
                _ = try parser.feed(chunk)
                fed += chunk.count
            }
            Issue.record("a 1 GiB event was accepted")
        } catch {
            #expect(error == .eventTooLarge(limit: 1 << 20))
        }
        #expect(fed <= 1 << 20)
        // Many small events each within the limit are fine, however long the stream.
        var steady = SSEParser(maxEventBytes: 64)
        var count = 0
        for _ in 0..<10_000 { count += try steady.feed(Array("data: tick\n\n".utf8)).count }
        #expect(count == 10_000)
    }
}
