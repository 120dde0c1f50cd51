import EaselGraphics
import Foundation

/// The OSC 52 "set clipboard" sequence, which reaches the user's own clipboard even over SSH
/// because the terminal emulator (not the remote host) carries it out.
enum ClipboardSequence {
    /// Terminals cap what they accept (xterm about 100 kB of base64 by default); longer text is
    /// cut rather than sent and dropped whole.
    static let maximumBytes = 74_994

    /// `ESC ] 52 ; c ; <base64> ESC \`: the clipboard selection (`c`), UTF-8 text.
    static func osc52(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        if bytes.count > maximumBytes {
            bytes.removeLast(bytes.count - maximumBytes)
            // Never end on half a character: drop continuation bytes, then their lead byte.
            while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last & 0xC0 == 0xC0 { bytes.removeLast() }
        }
        return Array("\u{1B}]52;c;".utf8) + Array(Data(bytes).base64EncodedString().utf8) + [0x1B, 0x5C]
    }
}
