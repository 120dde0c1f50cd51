import EaselImage

/// Decides whether bytes a server sent as an image really are one, before the job counts as
/// done: a full decode within the standard limits (size caps are checked from the header first,
/// so a declared 100000×100000 costs nothing). A header alone would accept a PNG cut in half,
/// a truncated JPEG or a WebP whose RIFF promises more than it holds.
public enum ImageVerifier {
    /// Why `bytes` are not a usable image, in a few words; nil when they decode. Images of a
    /// kind the decoders do not handle, or too large for this machine's memory, pass: they
    /// cannot be judged here, and refusing them would lose what may be a good image.
    public static func problem(in bytes: [UInt8]) -> String? {
        do {
            // Every byte is still decoded (entropy data, filters, CRCs), but the pixels are
            // shrunk as they arrive: checking an 8000² image costs a thumbnail, not 256 MB.
            _ = try ImageDecoder.decode(bytes, limits: .standard, atLeast: PixelSize(width: 64, height: 64))
            return nil
        } catch {
            switch error {
            case .unsupported, .outOfMemory: return nil
            default:
                let text = error.description
                return text.hasSuffix(".") ? String(text.dropLast()) : text
            }
        }
    }
}
