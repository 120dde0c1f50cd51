import EaselImage
import EaselUI
import Synchronization

/// Turns an image file into the half-block cells a preview key asks for: decode (size caps
/// first), flatten transparency onto the theme background, then either scale the whole image
/// into the key's cells (linear-light box filter) or cut the 1:1 window at the key's origin.
///
/// The last few decoded images are kept, so panning or stepping back and forth in the viewer
/// costs a crop and a scale, not a decode.
public final class PictureMaker: Sendable {
    private let background: RGBColor
    private let cell: CellGeometry
    private let limits: DecodeLimits
    private let decoded = Mutex<[(path: String, image: RGBImage)]>([])
    /// Decoded images kept (a 1024×1024 image is 3 MB).
    static let cacheSize = 4

    /// A maker drawing on `background`, for cells of `cell`'s shape.
    public init(background: RGBColor, cell: CellGeometry = .assumed, limits: DecodeLimits = .standard) {
        self.background = background
        self.cell = cell
        self.limits = limits
    }

    /// The picture for `key`, or why there is none.
    public func make(_ key: PreviewKey) -> Result<CellPicture, PreviewFailure> {
        guard key.columns > 0, key.rows > 0 else { return .failure(PreviewFailure("no room")) }
        let image: RGBImage
        switch load(key.path) {
        case .success(let loaded): image = loaded
        case .failure(let failure): return .failure(failure)
        }
        let pixels: RGBImage
        if let origin = key.origin {
            pixels = image.cropped(x: origin.x, y: origin.y, width: key.columns, height: key.rows * 2)
        } else {
            let fit = ImageFit.fitting(
                imageWidth: image.width, imageHeight: image.height, maxColumns: key.columns, maxRows: key.rows, cell: cell)
            let size = fit.halfBlockPixelSize
            guard size.width > 0, size.height > 0 else { return .failure(PreviewFailure("no room")) }
            pixels = image.resized(width: size.width, height: size.height)
        }
        return .success(Self.cells(of: pixels, padding: background))
    }

    /// Pairs of pixel rows as cells; an odd last row gets `padding` below it.
    static func cells(of image: RGBImage, padding: RGBColor) -> CellPicture {
        let rows = (image.height + 1) / 2
        var cells: [PixelPair] = []
        cells.reserveCapacity(image.width * rows)
        image.pixels.withUnsafeBufferPointer { pixels in
            func color(_ x: Int, _ y: Int) -> RGBColor {
                let offset = (y * image.width + x) * 3
                return RGBColor(red: pixels[offset], green: pixels[offset + 1], blue: pixels[offset + 2])
            }
            for row in 0..<rows {
                for x in 0..<image.width {
                    let top = color(x, row * 2)
                    let bottom = row * 2 + 1 < image.height ? color(x, row * 2 + 1) : padding
                    cells.append(PixelPair(top: top, bottom: bottom))
                }
            }
        }
        return CellPicture(columns: image.width, rows: rows, cells: cells)
    }

    /// The decoded image at `path`, from the cache or the file.
    private func load(_ path: String) -> Result<RGBImage, PreviewFailure> {
        if let hit = decoded.withLock({ cache in cache.first { $0.path == path }?.image }) {
            return .success(hit)
        }
        let image: RGBImage
        do {
            let decodedImage = try ImageDecoder.decode(fileAt: path, limits: limits)
            image = decodedImage.image.composited(over: (background.red, background.green, background.blue))
        } catch {
            return .failure(PreviewFailure(error.description))
        }
        decoded.withLock { cache in
            cache.removeAll { $0.path == path }
            cache.insert((path, image), at: 0)
            if cache.count > Self.cacheSize { cache.removeLast(cache.count - Self.cacheSize) }
        }
        return .success(image)
    }
}
