import EaselImage
import EaselUI
import Foundation
import Synchronization

/// Turns an image file into the cells a preview key asks for: decode (size caps first), flatten
/// transparency onto the theme background, then either scale the whole image into the key's
/// cells' sub-pixels (linear-light box filter) and fit glyphs of the maker's symbol set, or cut
/// the 1:1 window at the key's origin as half blocks (one image pixel per half-block pixel).
///
/// The last few decoded images are kept, so panning or stepping back and forth in the viewer
/// costs a crop and a scale, not a decode.
public final class PictureMaker: Sendable {
    /// Fetches an image only the server has; the bytes or a one-line reason.
    public typealias Fetch = @Sendable (String) -> Result<[UInt8], PreviewFailure>

    private let background: RGBColor
    private let cell: CellGeometry
    private let symbols: SymbolSet
    private let limits: DecodeLimits
    private let fetch: Fetch?
    private let cacheDirectory: URL?
    /// Also encode each fitted picture as exact pixels (`CellPicture.pixelImage`) for a terminal
    /// pixel protocol, at this cell shape's pixels; nil: cells only.
    private let pixelCell: CellGeometry?
    /// Decoded pictures by path and the least size they were shrunk to (nil: full size).
    private let decoded = Mutex<[(path: String, minimum: PixelSize?, image: RGBImage)]>([])
    /// Decoded images kept (a 1024×1024 image is 3 MB).
    static let cacheSize = 4

    /// A maker drawing on `background`, for cells of `cell`'s shape. `fetch` gets images only
    /// the server has (nil: such previews say they are not saved here); fetched bytes are kept
    /// in `cacheDirectory`, so the history shows them offline afterwards. `symbols` draws fitted
    /// pictures; keys that ask for half blocks (the mask editor's) and 1:1 windows get `▀` cells.
    public init(
        background: RGBColor, cell: CellGeometry = .assumed, symbols: SymbolSet = .half, limits: DecodeLimits = .standard,
        fetch: Fetch? = nil, cacheDirectory: URL? = nil, pixelCell: CellGeometry? = nil
    ) {
        self.pixelCell = pixelCell
        self.background = background
        self.cell = cell
        self.symbols = symbols
        self.limits = limits
        self.fetch = fetch
        self.cacheDirectory = cacheDirectory
    }

    /// The picture for `key`, or why there is none.
    public func make(_ key: PreviewKey) -> Result<CellPicture, PreviewFailure> {
        guard key.columns > 0, key.rows > 0 else { return .failure(PreviewFailure("no room")) }
        let image: RGBImage
        let set = key.halfBlocks ? SymbolSet.half : symbols
        // A fitted preview needs no more than the symbol set's pixels per cell, so the decode
        // shrinks to that while it reads; only the 1:1 window needs the full picture.
        var minimum = key.origin == nil ? SymbolRenderer.pixelSize(columns: key.columns, rows: key.rows, symbols: set) : nil
        let pixelCell = key.origin == nil && !key.halfBlocks ? self.pixelCell : nil
        if let pixelCell, let symbolSize = minimum {
            minimum = PixelSize(
                width: max(symbolSize.width, key.columns * pixelCell.width), height: max(symbolSize.height, key.rows * pixelCell.height))
        }
        switch load(key.path, minimum: minimum) {
        case .success(let loaded): image = loaded
        case .failure(let failure): return .failure(failure)
        }
        if let origin = key.origin {
            let pixels = image.cropped(x: origin.x, y: origin.y, width: key.columns, height: key.rows * 2)
            return .success(SymbolRenderer.picture(of: pixels, symbols: .half, padding: background))
        }
        let fit = ImageFit.fitting(
            imageWidth: image.width, imageHeight: image.height, maxColumns: key.columns, maxRows: key.rows, cell: cell)
        let size = SymbolRenderer.pixelSize(columns: fit.columns, rows: fit.rows, symbols: set)
        guard size.width > 0, size.height > 0 else { return .failure(PreviewFailure("no room")) }
        let pixels = image.resized(width: size.width, height: size.height)
        var picture = SymbolRenderer.picture(of: pixels, symbols: set, padding: background)
        if let pixelCell {
            picture.pixelImage = Self.pixelImage(of: image, fit: fit, cell: pixelCell)
        }
        return .success(picture)
    }

    /// The picture as a PNG at the pixels its cells cover (never enlarged: the terminal scales
    /// up better than a box filter); nil when it cannot be encoded, and the cells are shown.
    static func pixelImage(of image: RGBImage, fit: ImageFit, cell: CellGeometry) -> PixelImage? {
        let size = fit.pixelProtocolSize(imageWidth: image.width, imageHeight: image.height, cell: cell)
        let scaled = size.width == image.width && size.height == image.height
            ? image : image.resized(width: max(1, size.width), height: max(1, size.height))
        guard let encoded = try? PNGEncoder.encode(scaled) else { return nil }
        return PixelImage(encoded: encoded, columns: fit.columns, rows: fit.rows)
    }

    static func isRemote(_ path: String) -> Bool {
        path.hasPrefix("https://") || path.hasPrefix("http://")
    }

    /// A server-only image's bytes: from the disk cache, else fetched (and then cached).
    private func remoteBytes(_ url: String) -> Result<[UInt8], PreviewFailure> {
        let cached = cacheDirectory?.appendingPathComponent(Self.cacheName(for: url))
        if let cached, let data = FileManager.default.contents(atPath: cached.path), data.count <= limits.maxFileBytes {
            return .success(Array(data))
        }
        guard let fetch else { return .failure(PreviewFailure("not saved on this machine")) }
        let fetched = fetch(url)
        if case .success(let bytes) = fetched, let cached, let directory = cacheDirectory {
            // Written whole under a temporary name, then renamed: a reader never sees half.
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let partial = directory.appendingPathComponent(".partial-\(UUID().uuidString)")
            if FileManager.default.createFile(atPath: partial.path, contents: Data(bytes)) {
                if rename(partial.path, cached.path) != 0 { try? FileManager.default.removeItem(at: partial) }
            }
        }
        return fetched
    }

    /// A file name for a URL: a hash, so no part of the server's URL becomes a path.
    static func cacheName(for url: String) -> String {
        String(FNV1a.hash(url.utf8), radix: 16) + ".img"
    }

    /// The decoded image at `path` (shrunk to no less than `minimum`), from the cache or the file.
    private func load(_ path: String, minimum: PixelSize?) -> Result<RGBImage, PreviewFailure> {
        let hit = decoded.withLock { cache in
            cache.first { $0.path == path && ($0.minimum == nil || $0.minimum == minimum) }?.image
        }
        if let hit {
            return .success(hit)
        }
        let image: RGBImage
        do {
            let decodedImage: DecodedImage
            if Self.isRemote(path) {
                switch remoteBytes(path) {
                case .success(let bytes): decodedImage = try ImageDecoder.decode(bytes, limits: limits, atLeast: minimum)
                case .failure(let failure): return .failure(failure)
                }
            } else {
                decodedImage = try ImageDecoder.decode(fileAt: path, limits: limits, atLeast: minimum)
            }
            image = decodedImage.image.composited(over: (background.red, background.green, background.blue))
        } catch {
            return .failure(PreviewFailure(error.description))
        }
        decoded.withLock { cache in
            cache.removeAll { $0.path == path && $0.minimum == minimum }
            cache.insert((path, minimum, image), at: 0)
            if cache.count > Self.cacheSize { cache.removeLast(cache.count - Self.cacheSize) }
        }
        return .success(image)
    }
}
