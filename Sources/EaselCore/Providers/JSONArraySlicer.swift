/// Finds the exact bytes of each element of a JSON object's top-level array member (the
/// threads API's `{"data": [...]}`), so a history can keep every entry verbatim as the server
/// wrote it rather than re-encoded.
///
/// It only tracks strings, escapes and nesting; whether the text is valid JSON is for the
/// parser to judge (callers parse the same body as well).
public enum JSONArraySlicer {
    /// The elements of the array under `key` at the top level, or nil when there is none.
    public static func elements(ofMember key: String, in body: [UInt8]) -> [ArraySlice<UInt8>]? {
        var index = 0
        var depth = 0
        var inString = false
        var escaped = false
        var stringStart = 0
        var lastKeyAtTop: String?
        while index < body.count {
            let byte = body[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 1 { lastKeyAtTop = String(decoding: body[(stringStart + 1)..<index], as: UTF8.self) }
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    stringStart = index
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if depth == 1, byte == UInt8(ascii: "["), lastKeyAtTop == key {
                        return slice(body, arrayAt: index)
                    }
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 1 { lastKeyAtTop = nil }
                default:
                    break
                }
            }
            index += 1
        }
        return nil
    }

    /// The elements of the array starting at `start` (its `[`), trimmed of surrounding spaces.
    private static func slice(_ body: [UInt8], arrayAt start: Int) -> [ArraySlice<UInt8>]? {
        var elements: [ArraySlice<UInt8>] = []
        var depth = 0
        var inString = false
        var escaped = false
        var elementStart = start + 1
        var index = start
        func push(_ end: Int) {
            var low = elementStart
            var high = end
            while low < high, isSpace(body[low]) { low += 1 }
            while high > low, isSpace(body[high - 1]) { high -= 1 }
            if low < high { elements.append(body[low..<high]) }
        }
        while index < body.count {
            let byte = body[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        push(index)
                        return elements
                    }
                case UInt8(ascii: ","):
                    if depth == 1 {
                        push(index)
                        elementStart = index + 1
                    }
                default: break
                }
            }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
