/// Picks terminal replies out of input bytes that arrive in arbitrary pieces.
///
/// A pure state machine: `feed` any slice (a reply may be split across reads, and keys the
/// user types may arrive before, between or after replies); recognised replies are returned,
/// everything else — keys, unrelated sequences, broken fragments — is kept in order in
/// `otherInput` so the caller can replay or drop it knowingly.
public struct TerminalReplyParser: Sendable {
    /// Where in an escape sequence the parser is.
    enum State: Sendable {
        case ground
        case escape
        case controlSequence
        case string(StringKind)
        case stringEscape(StringKind)
    }

    /// The string sequences, told apart by their introducer.
    enum StringKind: Sendable {
        case applicationCommand  // ESC _
        case deviceControl  // ESC P
        case operatingSystemCommand  // ESC ]
    }

    /// Longest control sequence or string kept before it is given up on as garbage, so a
    /// stray introducer cannot make the parser hold input forever.
    static let maximumSequence = 64
    static let maximumString = 4096

    private var state = State.ground
    /// The raw bytes of the sequence being read, ESC included.
    private var pending: [UInt8] = []
    /// Input that was not a reply, in arrival order.
    public private(set) var otherInput: [UInt8] = []

    /// Makes a parser in the ground state.
    public init() {}

    /// Consumes `bytes` and returns the replies they completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [TerminalReply] {
        var replies: [TerminalReply] = []
        for byte in bytes { step(byte, into: &replies) }
        return replies
    }

    /// Ends the input: an unfinished sequence is moved to `otherInput`.
    public mutating func finish() {
        flushPending()
        state = .ground
    }

    /// Hands over the non-reply input collected so far and forgets it.
    public mutating func takeOtherInput() -> [UInt8] {
        defer { otherInput.removeAll() }
        return otherInput
    }

    private mutating func step(_ byte: UInt8, into replies: inout [TerminalReply]) {
        switch state {
        case .ground:
            if byte == 0x1B {
                pending = [byte]
                state = .escape
            } else {
                otherInput.append(byte)
            }
        case .escape:
            pending.append(byte)
            switch byte {
            case UInt8(ascii: "["): state = .controlSequence
            case UInt8(ascii: "_"): state = .string(.applicationCommand)
            case UInt8(ascii: "P"): state = .string(.deviceControl)
            case UInt8(ascii: "]"): state = .string(.operatingSystemCommand)
            case 0x1B:
                // Two ESCs: the first was a lone Escape key; the second may start a reply.
                pending.removeLast()
                flushPending()
                pending = [byte]
            default:
                // ESC + key, e.g. Alt+x: input, not a reply.
                flushPending()
                state = .ground
            }
        case .controlSequence:
            if (0x40...0x7E).contains(byte) {
                pending.append(byte)
                if let reply = Self.controlSequenceReply(pending) {
                    replies.append(reply)
                    pending.removeAll()
                } else {
                    flushPending()
                }
                state = .ground
            } else if (0x20...0x3F).contains(byte), pending.count < Self.maximumSequence {
                pending.append(byte)
            } else {
                // Not a well-formed CSI: hand over what was read and look at this byte afresh.
                flushPending()
                state = .ground
                step(byte, into: &replies)
            }
        case .string(let kind):
            if byte == 0x1B {
                pending.append(byte)
                state = .stringEscape(kind)
            } else if byte == 0x07, case .operatingSystemCommand = kind {
                // xterm accepts BEL as the end of an OSC string.
                pending.append(byte)
                finishString(kind, terminatorLength: 1, into: &replies)
            } else if pending.count < Self.maximumString {
                pending.append(byte)
            } else {
                pending.append(byte)
                flushPending()
                state = .ground
            }
        case .stringEscape(let kind):
            if byte == UInt8(ascii: "\\") {
                pending.append(byte)
                finishString(kind, terminatorLength: 2, into: &replies)
            } else {
                // ESC without `\` cancels the string (ECMA-48); the ESC starts something new.
                pending.removeLast()
                flushPending()
                pending = [0x1B]
                state = .escape
                step(byte, into: &replies)
            }
        }
    }

    /// Interprets a complete string sequence whose terminator is the last bytes of `pending`.
    private mutating func finishString(_ kind: StringKind, terminatorLength: Int, into replies: inout [TerminalReply]) {
        let body = Array(pending[2..<(pending.count - terminatorLength)])
        let reply: TerminalReply? =
            switch kind {
            case .applicationCommand: Self.kittyReply(body)
            case .deviceControl: Self.versionReply(body)
            case .operatingSystemCommand: nil
            }
        if let reply {
            replies.append(reply)
            pending.removeAll()
        } else {
            flushPending()
        }
        state = .ground
    }

    private mutating func flushPending() {
        otherInput += pending
        pending.removeAll()
    }

    /// DA1, DA2, XTSMGRAPHICS and the pixel-size reports; nil for any other CSI (arrow keys, mouse reports…).
    static func controlSequenceReply(_ sequence: [UInt8]) -> TerminalReply? {
        let final = sequence[sequence.count - 1]
        var body = sequence[2..<(sequence.count - 1)]
        switch final {
        case UInt8(ascii: "c"):
            let marker = body.first
            guard marker == UInt8(ascii: "?") || marker == UInt8(ascii: ">") else { return nil }
            body = body.dropFirst()
            guard let values = numbers(body) else { return nil }
            return marker == UInt8(ascii: "?") ? .primaryAttributes(values) : .secondaryAttributes(values)
        case UInt8(ascii: "S"):
            guard body.first == UInt8(ascii: "?") else { return nil }
            guard let values = numbers(body.dropFirst()), values.count >= 2 else { return nil }
            return .graphicsAttribute(item: values[0], status: values[1], values: Array(values.dropFirst(2)))
        case UInt8(ascii: "t"):
            guard let values = numbers(body), values.count == 3, values[1] > 0, values[2] > 0 else { return nil }
            switch values[0] {
            case 6: return .cellSize(width: values[2], height: values[1])
            case 4: return .windowPixels(width: values[2], height: values[1])
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `G<keys>;<message>` → the kitty reply; nil for any other APC.
    static func kittyReply(_ body: [UInt8]) -> TerminalReply? {
        guard body.first == UInt8(ascii: "G") else { return nil }
        let content = body.dropFirst()
        let separator = content.firstIndex(of: UInt8(ascii: ";")) ?? content.endIndex
        var id: UInt32?
        for pair in content[content.startIndex..<separator].split(separator: UInt8(ascii: ",")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1)
            if parts.count == 2, parts[0].elementsEqual([UInt8(ascii: "i")]) {
                id = UInt32(String(decoding: parts[1], as: UTF8.self))
            }
        }
        let message = separator < content.endIndex ? content[(separator + 1)...] : []
        return .kittyGraphics(id: id, message: String(decoding: message, as: UTF8.self))
    }

    /// `>|name(version)` → XTVERSION; nil for any other DCS.
    static func versionReply(_ body: [UInt8]) -> TerminalReply? {
        guard body.count >= 2, body[0] == UInt8(ascii: ">"), body[1] == UInt8(ascii: "|") else { return nil }
        return .terminalVersion(String(decoding: body[2...], as: UTF8.self))
    }

    /// `1;2;3` → [1, 2, 3]; empty fields count as 0 (as in SGR); nil on anything but digits
    /// and `;` or on absurdly long numbers.
    static func numbers(_ body: ArraySlice<UInt8>) -> [Int]? {
        var values: [Int] = []
        var current = 0
        var digits = 0
        for byte in body {
            if byte == UInt8(ascii: ";") {
                values.append(current)
                current = 0
                digits = 0
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 9 {
                current = current * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                return nil
            }
        }
        values.append(current)
        return values
    }
}
