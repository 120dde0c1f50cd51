internal import ExtrasBase64

/// Builds kitty graphics protocol commands (https://sw.kovidgoyal.net/kitty/graphics-protocol/):
/// `ESC _ G <key=value,…> ; <base64 payload> ESC \`.
///
/// Commands come back as one array per escape sequence so that a caller inside tmux can wrap
/// each chunk on its own (`TmuxPassthrough.wrapEach`); `joined(_:tmux:)` does either.
public enum KittyGraphics {
    /// The most base64 bytes one escape sequence may carry, as the protocol requires. It is a
    /// multiple of 4, so every chunk decodes on its own.
    public static let maximumChunk = 4096

    /// Transmits an image and displays it at the cursor (`a=T`, direct transmission `t=d`).
    ///
    /// Replies are silenced with `q=2`: without it the terminal answers on stdin, and the
    /// answer arrives as typed keys. `columns`/`rows` scale the image to that many cells;
    /// `moveCursor: false` adds `C=1`, leaving the cursor where the image starts.
    public static func transmitAndDisplay(
        _ payload: KittyPayload, imageID: UInt32, columns: Int? = nil, rows: Int? = nil, moveCursor: Bool = true
    ) throws(GraphicsError) -> [[UInt8]] {
        guard imageID > 0 else { throw .invalidImageID(imageID) }
        var keys = "a=T,\(payload.formatKeys),t=d,i=\(imageID)"
        if let columns { keys += ",c=\(columns)" }
        if let rows { keys += ",r=\(rows)" }
        if !moveCursor { keys += ",C=1" }
        keys += ",q=2"
        return chunked(keys: keys, payload: try payload.bytes())
    }

    /// Deletes every placement of image `imageID` and frees its data (`a=d,d=I`).
    public static func delete(imageID: UInt32) -> [UInt8] {
        command(keys: "a=d,d=I,i=\(imageID),q=2", payload: [])
    }

    /// Joins commands into the bytes to write, wrapping each one for tmux when asked.
    public static func joined(_ commands: [[UInt8]], tmux: Bool) -> [UInt8] {
        tmux ? TmuxPassthrough.wrapEach(commands) : commands.flatMap { $0 }
    }

    /// Splits the base64 of `payload` into commands: the first carries `keys`, the rest only
    /// `m` and `q=2`; `m=1` on all but the last, which has `m=0`. Every command Easel sends is
    /// quiet, so `keys` always holds `q=2` too.
    ///
    /// `q=2` is repeated on the continuation chunks because kitty was found answering a chunked
    /// transmission whose `q` was only on the first chunk (kitty issue #3375); the protocol
    /// allows `q` next to `m` there. `quiet: 1` (errors only, the studio's choice so a refused
    /// image can be noticed) goes on every chunk the same way.
    static func chunked(keys: String, payload: [UInt8], quiet: Int = 2) -> [[UInt8]] {
        let encoded = Base64.encodeToBytes(bytes: payload)
        var commands: [[UInt8]] = []
        var start = 0
        repeat {
            let end = min(start + maximumChunk, encoded.count)
            let more = end < encoded.count ? "1" : "0"
            let chunkKeys = start == 0 ? "\(keys),m=\(more)" : "m=\(more),q=\(quiet)"
            commands.append(command(keys: chunkKeys, payload: encoded[start..<end]))
            start = end
        } while start < encoded.count
        return commands
    }

    /// One APC graphics command; the payload is already base64.
    static func command(keys: String, payload: some Collection<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = [0x1B, UInt8(ascii: "_"), UInt8(ascii: "G")]
        bytes.reserveCapacity(payload.count + keys.utf8.count + 6)
        bytes += keys.utf8
        if !payload.isEmpty {
            bytes.append(UInt8(ascii: ";"))
            bytes += payload
        }
        bytes += [0x1B, UInt8(ascii: "\\")]
        return bytes
    }
}
