import EaselImage
import EaselUI

extension PictureMaker {
    /// The image of `key` scaled to exactly `size` pixels (a pixel picture's cells times the
    /// cell's pixels), for a sixel or iTerm2 image. The decode shrinks while it reads, so a
    /// huge image is never held whole nor encoded at its own size.
    public func pixels(_ key: PreviewKey, size: PixelSize) -> Result<RGBImage, PreviewFailure> {
        guard size.width > 0, size.height > 0 else { return .failure(PreviewFailure("no room")) }
        switch load(key.path, shape: .exact(size)) {
        case .success(let image):
            guard image.width != size.width || image.height != size.height else { return .success(image) }
            return .success(image.resized(width: size.width, height: size.height))
        case .failure(let failure):
            return .failure(failure)
        }
    }
}
