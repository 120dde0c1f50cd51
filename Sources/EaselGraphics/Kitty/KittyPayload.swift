public import EaselImage

/// The image data sent to kitty: a PNG file (`f=100`, compact, decoded by the terminal) or
/// raw pixels (`f=24`, no encoding cost here, about three times more bytes on the wire).
public enum KittyPayload: Sendable, Equatable {
    /// The bytes of a PNG file; kitty reads the size from the file.
    case png([UInt8])
    /// 8-bit RGB pixels; the size goes in the `s=` and `v=` keys.
    case rgb(RGBImage)

    /// The format keys of the first chunk, e.g. `f=100` or `f=24,s=90,v=90`.
    var formatKeys: String {
        switch self {
        case .png: "f=100"
        case .rgb(let image): "f=24,s=\(image.width),v=\(image.height)"
        }
    }

    /// The raw bytes to base64-encode, or an error for an image with no pixels.
    func bytes() throws(GraphicsError) -> [UInt8] {
        switch self {
        case .png(let data):
            guard !data.isEmpty else { throw .emptyImage(width: 0, height: 0) }
            return data
        case .rgb(let image):
            guard image.width > 0, image.height > 0 else { throw .emptyImage(width: image.width, height: image.height) }
            return image.pixels
        }
    }
}

extension KittyPayload {
    /// PNG-encodes `image` (libpng's fast settings) for an `f=100` transmission.
    public static func png(encoding image: RGBImage) throws(GraphicsError) -> KittyPayload {
        do {
            return .png(try PNGEncoder.encode(image))
        } catch {
            throw .encodingFailed(error.description)
        }
    }
}
