/// Wraps escape sequences so tmux forwards them to the outer terminal.
///
/// tmux swallows sequences it does not understand (kitty's APC, iTerm2's OSC 1337, sixel's
/// DCS) unless they arrive as `ESC P tmux; … ESC \` with every ESC inside doubled, and only
/// when the user has `set -g allow-passthrough on` (tmux 3.3 or later).
public enum TmuxPassthrough {
    /// Wraps one complete sequence.
    public static func wrap(_ sequence: some Collection<UInt8>) -> [UInt8] {
        var wrapped: [UInt8] = [0x1B, UInt8(ascii: "P")] + Array("tmux;".utf8)
        wrapped.reserveCapacity(sequence.count + 16)
        for byte in sequence {
            wrapped.append(byte)
            if byte == 0x1B { wrapped.append(0x1B) }
        }
        wrapped += [0x1B, UInt8(ascii: "\\")]
        return wrapped
    }

    /// Wraps each sequence separately and joins them: kitty chunks must each be wrapped on
    /// their own, because tmux caps the length of one passthrough sequence and a whole image
    /// would be cut off.
    public static func wrapEach(_ sequences: [[UInt8]]) -> [UInt8] {
        var joined: [UInt8] = []
        for sequence in sequences { joined += wrap(sequence) }
        return joined
    }

    /// Whether the process runs inside tmux (or GNU screen, which shares the `TERM` names):
    /// `$TMUX` is set by tmux itself; the `TERM` check also catches tmux reached over ssh.
    public static func isInside(environment: [String: String]) -> Bool {
        if let tmux = environment["TMUX"], !tmux.isEmpty { return true }
        let term = environment["TERM"] ?? ""
        return term.hasPrefix("tmux") || term.hasPrefix("screen")
    }
}
