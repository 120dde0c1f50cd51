/// Reads `application/x-www-form-urlencoded` bodies (what `FormEncoding` writes, and what curl
/// and Python's `requests` send): the sandbox's side of the ai-client form. Foundation-free and
/// import-free, so `scripts/fuzz.sh` compiles it straight into the fuzz target.
enum FormDecoding {
    /// Splits a form body into fields, in order; nil when it is not valid form encoding.
    static func decode(_ body: String) -> [(String, String)]? {
        guard !body.isEmpty else { return [] }
        var fields: [(String, String)] = []
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = unescape(String(pieces[0])) else { return nil }
            let value = pieces.count > 1 ? unescape(String(pieces[1])) : ""
            guard let value else { return nil }
            fields.append((name, value))
        }
        return fields
    }

    private static func unescape(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
