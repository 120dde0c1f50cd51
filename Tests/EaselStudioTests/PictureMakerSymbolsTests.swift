import EaselImage
import EaselStudio
import EaselUI
import Foundation
import Testing

/// The studio's pictures use the maker's symbol set, except where geometry needs half blocks.
struct PictureMakerSymbolsTests {
    /// A 64×64 PNG, white above the diagonal and black below, in a fresh directory.
    static func diagonal() throws -> String {
        var pixels: [UInt8] = []
        for y in 0..<64 {
            for x in 0..<64 { pixels += x > y ? [255, 255, 255] : [0, 0, 0] }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-symbols-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("diagonal.png").path
        try Data(PNGEncoder.encode(RGBImage(width: 64, height: 64, pixels: pixels))).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func fittedPicturesUseTheSetAndTheMaskEditorKeepsHalfBlocks() throws {
        let path = try Self.diagonal()
        let maker = PictureMaker(background: RGBColor(red: 0, green: 0, blue: 0), symbols: .octant)
        guard case .success(let fitted) = maker.make(PreviewKey(path: path, columns: 16, rows: 8)) else {
            Issue.record("no picture")
            return
        }
        #expect(fitted.columns == 16 && fitted.rows == 8)
        let octants = fitted.cells.filter { (0x1CD00...0x1CDE5).contains($0.glyph.value) }
        #expect(!octants.isEmpty)
        for key in [PreviewKey(path: path, columns: 16, rows: 8, halfBlocks: true), PreviewKey(path: path, columns: 16, rows: 8, origin: PixelPoint(x: 0, y: 0))] {
            guard case .success(let picture) = maker.make(key) else {
                Issue.record("no picture for \(key)")
                continue
            }
            #expect(picture.cells.allSatisfy { $0.glyph == "\u{2580}" })
        }
    }
}
