import EaselGraphics
import EaselPixels
import EaselImage

/// Small hand-built images for the renderer tests.
enum TestImages {
    /// An image from rows of colours.
    static func image(_ rows: [[RGBColor]]) -> RGBImage {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "rows must be equally long")
        return RGBImage(width: width, height: rows.count, pixels: rows.flatMap { $0.flatMap { [$0.red, $0.green, $0.blue] } })
    }

    /// One colour everywhere.
    static func flat(_ color: RGBColor, width: Int, height: Int) -> RGBImage {
        image([[RGBColor]](repeating: [RGBColor](repeating: color, count: width), count: height))
    }

    /// A smooth two-axis gradient with more than 256 distinct colours for sizes from 20×20.
    static func gradient(_ width: Int, _ height: Int) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [
                    UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)),
                    UInt8((x + y) * 255 / max(1, width + height - 2)),
                ]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}

extension Array where Element == UInt8 {
    /// The bytes as text, for readable failure messages and comparisons.
    var text: String { String(decoding: self, as: UTF8.self) }

    /// Every non-overlapping range of `needle`, in order.
    func ranges(of needle: [UInt8]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= count else { return [] }
        var found: [Range<Int>] = []
        var start = 0
        while start + needle.count <= count {
            if self[start..<(start + needle.count)].elementsEqual(needle) {
                found.append(start..<(start + needle.count))
                start += needle.count
            } else {
                start += 1
            }
        }
        return found
    }
}
