/// The mask being painted, at the image's full resolution: one byte per pixel, 255 where the
/// picture is to change and 0 where it is kept. Never kept at cell resolution, so a saved mask
/// marks exactly the pixels painted.
public struct MaskBitmap: Hashable, Sendable {
    /// The largest side and pixel count accepted: the image decoders' standard caps, so a mask
    /// exists only for an image Easel could decode.
    public static let maxSide = 8192
    public static let maxPixels = 64_000_000

    public let width: Int
    public let height: Int
    /// Row-major, `width * height` bytes.
    public private(set) var bytes: [UInt8]

    /// An empty (all kept) mask, or nil with the reason when the size is out of bounds.
    public static func empty(width: Int, height: Int) -> Result<MaskBitmap, MaskRefusal> {
        guard width > 0, height > 0 else { return .failure(MaskRefusal("the image's size is unknown (\(width)×\(height))")) }
        guard width <= maxSide, height <= maxSide, width * height <= maxPixels else {
            return .failure(MaskRefusal("\(width)×\(height) is larger than the \(maxSide)×\(maxSide), \(maxPixels / 1_000_000) MP images Easel decodes"))
        }
        return .success(MaskBitmap(width: width, height: height, bytes: [UInt8](repeating: 0, count: width * height)))
    }

    private init(width: Int, height: Int, bytes: [UInt8]) {
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// The whole image.
    public var bounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    /// Whether pixel (`x`, `y`) is marked to change.
    public subscript(x x: Int, y y: Int) -> Bool { bytes[y * width + x] != 0 }

    /// How many pixels are marked.
    public var markedCount: Int { bytes.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } }

    /// Sets every pixel of `rect` to `value`.
    mutating func fill(_ rect: PixelRect, value: UInt8) {
        let rect = rect.clamped(width: width, height: height)
        guard !rect.isEmpty else { return }
        let width = width
        bytes.withUnsafeMutableBufferPointer { pixels in
            for y in rect.y..<rect.maxY {
                let start = y * width + rect.x
                pixels[start..<(start + rect.width)].update(repeating: value)
            }
        }
    }

    /// Sets the pixels of the ellipse inscribed in `rect` (a pixel counts when its centre is
    /// inside) to `value`.
    mutating func fillEllipse(_ rect: PixelRect, value: UInt8) {
        let clipped = rect.clamped(width: width, height: height)
        guard !clipped.isEmpty else { return }
        let radiusX = Double(rect.width) / 2
        let radiusY = Double(rect.height) / 2
        let centreX = Double(rect.x) + radiusX
        let centreY = Double(rect.y) + radiusY
        for y in clipped.y..<clipped.maxY {
            let dy = (Double(y) + 0.5 - centreY) / radiusY
            let spread = 1 - dy * dy
            guard spread >= 0 else { continue }
            let half = radiusX * spread.squareRoot()
            // Pixel x is inside when |x + 0.5 − centre| ≤ half.
            let first = max(clipped.x, Int((centreX - half - 0.5).rounded(.up)))
            let last = min(clipped.maxX - 1, Int((centreX + half - 0.5).rounded(.down)))
            guard first <= last else { continue }
            let start = y * width
            bytes.withUnsafeMutableBufferPointer { $0[(start + first)...(start + last)].update(repeating: value) }
        }
    }

    /// Swaps marked and kept in `rect`.
    mutating func invert(_ rect: PixelRect) {
        let rect = rect.clamped(width: width, height: height)
        let width = width
        bytes.withUnsafeMutableBufferPointer { pixels in
            for y in rect.y..<rect.maxY {
                let start = y * width + rect.x
                for i in start..<(start + rect.width) { pixels[i] = pixels[i] == 0 ? 255 : 0 }
            }
        }
    }

    /// The bytes of `rect` as runs, row after row.
    func runs(in rect: PixelRect) -> MaskRuns {
        var runs = MaskRuns()
        let width = width
        bytes.withUnsafeBufferPointer { pixels in
            for y in rect.y..<rect.maxY {
                let start = y * width + rect.x
                for i in start..<(start + rect.width) { runs.append(pixels[i]) }
            }
        }
        return runs
    }

    /// Writes runs (as made by `runs(in:)` for the same rectangle) back.
    mutating func restore(_ runs: MaskRuns, in rect: PixelRect) {
        let width = width
        bytes.withUnsafeMutableBufferPointer { pixels in
            var x = rect.x
            var y = rect.y
            for (value, count) in zip(runs.values, runs.counts) {
                var left = Int(count)
                while left > 0 {
                    let span = min(left, rect.maxX - x)
                    let start = y * width + x
                    pixels[start..<(start + span)].update(repeating: value)
                    left -= span
                    x += span
                    if x == rect.maxX { x = rect.x; y += 1 }
                }
            }
        }
    }
}

/// Why a mask cannot be made, in one line.
public struct MaskRefusal: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
