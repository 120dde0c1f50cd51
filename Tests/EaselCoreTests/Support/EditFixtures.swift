import EaselCore
import EaselImage
import Foundation

/// Input files for edit and variation tests, written into a fresh folder.
struct EditFixtures {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A picture with a left half in one colour and a right half in another (so kept pixels are
    /// easy to recognise).
    static func halves(width: Int, height: Int, left: (UInt8, UInt8, UInt8) = (200, 30, 30), right: (UInt8, UInt8, UInt8) = (30, 30, 200)) -> RGBImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 3)
        for _ in 0..<height {
            for x in 0..<width {
                let colour = x < width / 2 ? left : right
                pixels += [colour.0, colour.1, colour.2]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// A mask: opaque black everywhere except a transparent rectangle (what to repaint).
    static func mask(width: Int, height: Int, transparent: (x: Range<Int>, y: Range<Int>)) -> RGBAImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let clear = transparent.x.contains(x) && transparent.y.contains(y)
                pixels += [0, 0, 0, clear ? 0 : 255]
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Writes bytes to `name` and returns the path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func png(_ name: String, _ image: RGBImage) throws -> String { try write(name, try PNGEncoder.encode(image)) }

    func png(_ name: String, rgba image: RGBAImage) throws -> String { try write(name, try PNGEncoder.encode(rgba: image)) }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
