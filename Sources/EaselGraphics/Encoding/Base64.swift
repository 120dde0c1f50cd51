/// Standard base64 (RFC 4648, `+/`, `=` padding, no line breaks), as both kitty and iTerm2
/// expect for their payloads.
public enum Base64 {
    /// The alphabet, indexed by six-bit value.
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The encoded length of `count` input bytes.
    public static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Encodes `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        append(bytes, to: &output)
        return output
    }

    /// Appends the encoding of `bytes` to `output`.
    public static func append(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        let input = Array(bytes)
        let total = encodedCount(input.count)
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: total))
        alphabet.withUnsafeBufferPointer { alphabet in
            input.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { output in
                    var target = start
                    var index = 0
                    while index + 3 <= input.count {
                        let group = Int(input[index]) << 16 | Int(input[index + 1]) << 8 | Int(input[index + 2])
                        output[target] = alphabet[group >> 18]
                        output[target + 1] = alphabet[group >> 12 & 63]
                        output[target + 2] = alphabet[group >> 6 & 63]
                        output[target + 3] = alphabet[group & 63]
                        index += 3
                        target += 4
                    }
                    let left = input.count - index
                    guard left > 0 else { return }
                    let group = Int(input[index]) << 16 | (left == 2 ? Int(input[index + 1]) << 8 : 0)
                    output[target] = alphabet[group >> 18]
                    output[target + 1] = alphabet[group >> 12 & 63]
                    output[target + 2] = left == 2 ? alphabet[group >> 6 & 63] : UInt8(ascii: "=")
                    output[target + 3] = UInt8(ascii: "=")
                }
            }
        }
    }
}
