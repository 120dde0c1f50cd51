public import EaselImage
internal import ExtrasBase64

/// iTerm2's inline image protocol (https://iterm2.com/documentation-images.html), also spoken
/// by WezTerm: `ESC ] 1337 ; File=<key=value;…> : <base64 of the file> BEL`.
public enum ITermInlineImage {
    /// The sequence showing `file` (PNG, JPEG… — the terminal decodes it) scaled into
    /// `columns × rows` cells, keeping its aspect ratio unless told otherwise.
    ///
    /// `size` lets iTerm2 show progress and cancel an over-long transfer; `name` is base64 as
    /// the protocol requires, because file names may contain `;` or `:`.
    public static func sequence(
        file: [UInt8], name: String = "easel.png", columns: Int, rows: Int, preserveAspectRatio: Bool = true
    ) throws(GraphicsError) -> [UInt8] {
        guard !file.isEmpty else { throw .emptyImage(width: 0, height: 0) }
        guard columns > 0, rows > 0 else { throw .invalidPlacement(columns: columns, rows: rows) }
        var bytes: [UInt8] = [0x1B, UInt8(ascii: "]")]
        bytes.reserveCapacity((file.count + 2) / 3 * 4 + 128)
        bytes += "1337;File=inline=1;size=\(file.count);name=".utf8
        bytes += Base64.encodeToBytes(bytes: Array(name.utf8))
        bytes += ";width=\(columns);height=\(rows);preserveAspectRatio=\(preserveAspectRatio ? 1 : 0):".utf8
        bytes += Base64.encodeToBytes(bytes: file)
        bytes.append(0x07)
        return bytes
    }

    /// PNG-encodes `image` and returns its inline-image sequence.
    public static func sequence(image: RGBImage, columns: Int, rows: Int) throws(GraphicsError) -> [UInt8] {
        let png: [UInt8]
        do {
            png = try PNGEncoder.encode(image)
        } catch {
            throw .encodingFailed(error.description)
        }
        return try sequence(file: png, columns: columns, rows: rows)
    }
}
