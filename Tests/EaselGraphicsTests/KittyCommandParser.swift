import Foundation

/// Splits kitty graphics output back into commands, as a terminal would read it.
struct KittyCommand: Equatable {
    var keys: [String: String]
    var keyOrder: [String]
    var payload: String

    /// Every `ESC _ G keys ; payload ESC \` in `bytes`, in order; nil if anything else is
    /// found between or around them.
    static func parseAll(_ bytes: [UInt8]) -> [KittyCommand]? {
        var commands: [KittyCommand] = []
        var index = 0
        while index < bytes.count {
            guard bytes.count - index >= 5, bytes[index] == 0x1B, bytes[index + 1] == UInt8(ascii: "_"),
                bytes[index + 2] == UInt8(ascii: "G")
            else { return nil }
            var end = index + 3
            while end + 1 < bytes.count, !(bytes[end] == 0x1B && bytes[end + 1] == UInt8(ascii: "\\")) { end += 1 }
            guard end + 1 < bytes.count else { return nil }
            let body = String(decoding: bytes[(index + 3)..<end], as: UTF8.self)
            let parts = body.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            var keys: [String: String] = [:]
            var order: [String] = []
            for pair in parts[0].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                keys[String(kv[0])] = kv.count > 1 ? String(kv[1]) : ""
                order.append(String(kv[0]))
            }
            commands.append(KittyCommand(keys: keys, keyOrder: order, payload: parts.count > 1 ? String(parts[1]) : ""))
            index = end + 2
        }
        return commands
    }

    /// The payloads joined and base64-decoded.
    static func decodedPayload(_ commands: [KittyCommand]) -> [UInt8]? {
        Data(base64Encoded: commands.map(\.payload).joined()).map { Array($0) }
    }
}
