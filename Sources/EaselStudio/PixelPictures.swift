import EaselImage
import EaselUI
import Foundation
import Synchronization

/// Makes the bytes that draw the studio's pictures with a pixel protocol (sixel or iTerm2),
/// off the loop: decode, scale to the picture's cells in pixels, encode. The loop asks for
/// what its frame shows (`bytes(for:)`) and gets the bytes once they are made; until then
/// the picture stays symbol cells.
///
/// Only the newest wanted pictures are made: a picture no longer on the screen when its turn
/// comes (an older partial preview, a history row scrolled past) is skipped, never queued
/// behind the others. The last few results are kept, so going back costs nothing.
public final class PixelPictures: Sendable {
    /// Turns pixels for `columns`×`rows` cells into the sequence that draws them, or says why not.
    public typealias Encode = @Sendable (_ image: RGBImage, _ columns: Int, _ rows: Int) -> Result<[UInt8], PreviewFailure>
    /// The scaled image for a key at a pixel size.
    public typealias Pixels = @Sendable (PreviewKey, PixelSize) -> Result<RGBImage, PreviewFailure>

    /// One picture to make: what it shows and how many cells it covers.
    struct Job: Hashable {
        var key: PreviewKey
        var columns: Int
        var rows: Int
    }

    private struct Store {
        var ready: [(job: Job, bytes: [UInt8])] = []
        var pending: Set<Job> = []
        var wanted: Set<Job> = []
        var failure: String?
        var wake: (@Sendable () -> Void)?
    }

    /// The protocol's name, for the status line ("sixel", "iTerm2").
    public let protocolName: String
    /// One cell's size in pixels.
    public let cell: PixelSize
    /// Encoded pictures kept (a 60×25-cell sixel is some tens of kilobytes).
    static let keptCount = 8
    /// The largest image made, in pixels: a terminal claiming giant cells gets no giant image.
    static let maximumPixels = 4096 * 4096

    private let pixels: Pixels
    private let encode: Encode
    private let queue = DispatchQueue(label: "easel.pixel-pictures", qos: .userInitiated)
    private let store = Mutex(Store())

    /// Pictures in `protocolName` for cells of `cell` pixels, made from `pixels` and `encode`.
    public init(protocolName: String, cell: PixelSize, pixels: @escaping Pixels, encode: @escaping Encode) {
        self.protocolName = protocolName
        self.cell = cell
        self.pixels = pixels
        self.encode = encode
    }

    /// Called (from any thread) whenever a picture is ready or failed; the studio wakes its loop.
    func onChange(_ wake: @escaping @Sendable () -> Void) {
        store.withLock { $0.wake = wake }
    }

    /// The bytes for `picture` if made; otherwise starts making them and returns nil.
    func bytes(for picture: PixelPicture) -> [UInt8]? {
        let job = Job(key: picture.source, columns: picture.rect.width, rows: picture.rect.height)
        let (ready, start) = store.withLock { store -> ([UInt8]?, Bool) in
            if let hit = store.ready.first(where: { $0.job == job }) { return (hit.bytes, false) }
            return (nil, store.pending.insert(job).inserted)
        }
        if let ready { return ready }
        if start { queue.async { [self] in make(job) } }
        return nil
    }

    /// Tells the maker what the screen shows now; pending pictures outside it are skipped.
    func keep(only pictures: [PixelPicture]) {
        let jobs = Set(pictures.map { Job(key: $0.source, columns: $0.rect.width, rows: $0.rect.height) })
        store.withLock { $0.wanted = jobs }
    }

    /// Why making a picture failed since the last call (nil: nothing failed).
    func takeFailure() -> String? {
        store.withLock { store in
            defer { store.failure = nil }
            return store.failure
        }
    }

    private func make(_ job: Job) {
        let skip = store.withLock { store in
            if store.wanted.contains(job) { return false }
            store.pending.remove(job)
            return true
        }
        if skip { return }
        let size = PixelSize(width: job.columns * cell.width, height: job.rows * cell.height)
        let result: Result<[UInt8], PreviewFailure>
        if size.width <= 0 || size.height <= 0 || size.width * size.height > Self.maximumPixels {
            result = .failure(PreviewFailure("a \(size.width)×\(size.height) image is too large to send"))
        } else {
            result = pixels(job.key, size).flatMap { encode($0, job.columns, job.rows) }
        }
        let wake: (@Sendable () -> Void)? = store.withLock { store in
            store.pending.remove(job)
            switch result {
            case .success(let bytes):
                store.ready.removeAll { $0.job == job }
                store.ready.insert((job, bytes), at: 0)
                if store.ready.count > Self.keptCount { store.ready.removeLast(store.ready.count - Self.keptCount) }
            case .failure(let failure):
                store.failure = failure.message
            }
            return store.wake
        }
        wake?()
    }
}
