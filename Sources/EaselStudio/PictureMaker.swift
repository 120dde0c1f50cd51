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
    /// pixel protocol (kitty), at this cell shape's pixels; nil: cells only.
    private let pixelCell: CellGeometry?
    /// Decoded pictures by path and shape: whole (for 1:1 windows) or fitted to an area.
    private let decoded = Mutex<[(path: String, shape: Shape, image: RGBImage)]>([])
    /// Fetches that failed, not tried again for a while.
    private let failedFetches = Mutex(RemoteFetchMemory())
    private let clock = StudioClock()

    /// What a decoded picture in the cache is: the whole image, or the pixels of one area's cells.
    enum Shape: Equatable, Sendable {
        case whole
        case fitted(columns: Int, rows: Int, symbols: SymbolSet)
        /// Exactly these pixels: a sixel or iTerm2 image's cells times the cell's pixels.
        case exact(PixelSize)
        /// The pixels a kitty image of the fitted cells covers at `cell`'s size, never enlarged.
        case protocolPixels(columns: Int, rows: Int, cell: CellGeometry)
    }
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
        let set = key.halfBlocks ? SymbolSet.half : symbols
        if let origin = key.origin {
            // Only the 1:1 window needs the full picture.
            switch load(key.path, shape: .whole) {
            case .success(let image):
                let pixels = image.cropped(x: origin.x, y: origin.y, width: key.columns, height: key.rows * 2)
                return .success(SymbolRenderer.picture(of: pixels, symbols: .half, padding: background))
            case .failure(let failure): return .failure(failure)
            }
        }
        // A fitted preview is decoded straight at its cells' sub-pixels (one pass, linear light,
        // flattened on the background), never at full size.
        var picture: CellPicture
        switch load(key.path, shape: .fitted(columns: key.columns, rows: key.rows, symbols: set)) {
        case .success(let pixels): picture = SymbolRenderer.picture(of: pixels, symbols: set, padding: background)
        case .failure(let failure): return .failure(failure)
        }
        // kitty: the same picture as a PNG at the pixels its cells cover; without it the cells show.
        if let pixelCell, !key.halfBlocks,
            case .success(let pixels) = load(key.path, shape: .protocolPixels(columns: key.columns, rows: key.rows, cell: pixelCell)),
            let encoded = try? PNGEncoder.encode(pixels)
        {
            picture.pixelImage = PixelImage(encoded: encoded, columns: picture.columns, rows: picture.rows)
        }
        return .success(picture)
    }

    /// The pixels a fitted preview of a `width`×`height` source is drawn from.
    private static func fittedSize(
        sourceWidth: Int, sourceHeight: Int, columns: Int, rows: Int, symbols: SymbolSet, cell: CellGeometry
    ) -> PixelSize {
        let fit = ImageFit.fitting(imageWidth: sourceWidth, imageHeight: sourceHeight, maxColumns: columns, maxRows: rows, cell: cell)
        return SymbolRenderer.pixelSize(columns: max(1, fit.columns), rows: max(1, fit.rows), symbols: symbols)
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
        if let known = failedFetches.withLock({ $0.failure(for: url, now: clock.now) }) { return .failure(known) }
        let fetched = fetch(url)
        switch fetched {
        case .failure(let failure):
            failedFetches.withLock { $0.remember(failure, for: url, reachedServer: failure.reachedServer, now: clock.now) }
        case .success:
            failedFetches.withLock { $0.succeeded(url) }
        }
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

    /// The decoded image at `path` in `shape`, from the cache or the file. A cached whole
    /// picture serves a fitted one too (scaled down from it).
    func load(_ path: String, shape: Shape) -> Result<RGBImage, PreviewFailure> {
        let (hit, whole) = decoded.withLock { cache in
            (cache.first { $0.path == path && $0.shape == shape }?.image, cache.first { $0.path == path && $0.shape == .whole }?.image)
        }
        if let hit {
            return .success(hit)
        }
        let cell = cell
        let backdrop = (red: background.red, green: background.green, blue: background.blue)
        let image: RGBImage
        do {
            switch shape {
            case .whole:
                let decodedImage: DecodedImage
                if Self.isRemote(path) {
                    switch remoteBytes(path) {
                    case .success(let bytes): decodedImage = try ImageDecoder.decode(bytes, limits: limits)
                    case .failure(let failure): return .failure(failure)
                    }
                } else {
                    decodedImage = try ImageDecoder.decode(fileAt: path, limits: limits)
                }
                image = decodedImage.image.composited(over: backdrop)
            case .fitted, .exact, .protocolPixels:
                let size: ImageDecoder.FittedSize = { width, height in
                    switch shape {
                    case .exact(let pixels): return pixels
                    case .protocolPixels(let columns, let rows, let pixelCell):
                        let fit = ImageFit.fitting(
                            imageWidth: width, imageHeight: height, maxColumns: columns, maxRows: rows, cell: cell)
                        return fit.pixelProtocolSize(imageWidth: width, imageHeight: height, cell: pixelCell)
                    case .fitted(let columns, let rows, let symbols):
                        return Self.fittedSize(
                            sourceWidth: width, sourceHeight: height, columns: columns, rows: rows, symbols: symbols, cell: cell)
                    case .whole: return PixelSize(width: width, height: height)
                    }
                }
                if let whole {
                    let target = size(whole.width, whole.height)
                    image = whole.resized(width: target.width, height: target.height)
                } else if Self.isRemote(path) {
                    switch remoteBytes(path) {
                    case .success(let bytes): image = try ImageDecoder.decode(bytes, limits: limits, fittedTo: size, over: backdrop).image
                    case .failure(let failure): return .failure(failure)
                    }
                } else {
                    image = try ImageDecoder.decode(fileAt: path, limits: limits, fittedTo: size, over: backdrop).image
                }
            }
        } catch {
            return .failure(PreviewFailure(error.description))
        }
        decoded.withLock { cache in
            cache.removeAll { $0.path == path && $0.shape == shape }
            cache.insert((path, shape, image), at: 0)
            if cache.count > Self.cacheSize { cache.removeLast(cache.count - Self.cacheSize) }
        }
        return .success(image)
    }
}
