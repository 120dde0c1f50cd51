import Testing
@testable import EaselImage

@Suite("Fitting pictures to terminal cells")
struct ImageFitTests {
    @Test("fits inside the maximum, keeping the aspect ratio for 1:2 cells", arguments: [
        // (image w, h, max columns, rows) → (columns, rows)
        (1024, 1024, 80, 24, 48, 24),  // square: 48 cells of 10 px = 480 px wide, 24 of 20 px = 480 px tall
        (1600, 400, 80, 24, 80, 10),  // wide: width-limited
        (400, 1600, 80, 24, 12, 24),  // tall: height-limited
        (1792, 1024, 80, 24, 80, 23),  // 16:9-ish: 800 px wide → 457 px tall → 22.9 rows
        (16, 12, 80, 24, 64, 24),  // tiny pictures are enlarged to fill the area
        (10_000, 1, 80, 24, 80, 1),  // a sliver keeps one row rather than vanishing
        (1, 10_000, 80, 24, 1, 24),
        (1024, 1024, 1, 1, 1, 1),
        (1024, 768, 0, 24, 0, 0),  // no room: nothing to draw
        (0, 768, 80, 24, 0, 0),  // empty image: nothing to draw
    ])
    func fitting(width: Int, height: Int, maxColumns: Int, maxRows: Int, columns: Int, rows: Int) {
        let fit = ImageFit.fitting(imageWidth: width, imageHeight: height, maxColumns: maxColumns, maxRows: maxRows)
        #expect(fit == ImageFit(columns: columns, rows: rows))
    }

    @Test("other cell shapes change the fit")
    func squareCells() {
        let square = CellGeometry(width: 8, height: 8)
        #expect(ImageFit.fitting(imageWidth: 1024, imageHeight: 1024, maxColumns: 80, maxRows: 24, cell: square)
            == ImageFit(columns: 24, rows: 24))
        #expect(CellGeometry(width: 0, height: -3) == CellGeometry(width: 1, height: 1))
    }

    @Test("half-blocks draw one pixel per column and two per row")
    func halfBlockPixels() {
        #expect(ImageFit(columns: 48, rows: 24).halfBlockPixelSize == PixelSize(width: 48, height: 48))
    }

    @Test("pixel protocols fill the cells but never enlarge unless asked")
    func protocolPixels() {
        let large = ImageFit.fitting(imageWidth: 1024, imageHeight: 1024, maxColumns: 80, maxRows: 24)
        #expect(large.pixelProtocolSize(imageWidth: 1024, imageHeight: 1024) == PixelSize(width: 480, height: 480))
        let small = ImageFit.fitting(imageWidth: 16, imageHeight: 12, maxColumns: 80, maxRows: 24)
        #expect(small.pixelProtocolSize(imageWidth: 16, imageHeight: 12) == PixelSize(width: 16, height: 12))
        #expect(small.pixelProtocolSize(imageWidth: 16, imageHeight: 12, allowUpscaling: true) == PixelSize(width: 640, height: 480))
    }

    @Test("1:1 zoom needs enough cells to show every pixel", arguments: [
        (1024, 1024, 103, 52, 1024, 512), (10, 20, 1, 1, 10, 10), (11, 21, 2, 2, 11, 11), (0, 0, 0, 0, 0, 0),
    ])
    func nativeSize(width: Int, height: Int, columns: Int, rows: Int, halfColumns: Int, halfRows: Int) {
        #expect(ImageFit.nativeSize(imageWidth: width, imageHeight: height) == ImageFit(columns: columns, rows: rows))
        #expect(ImageFit.nativeHalfBlockSize(imageWidth: width, imageHeight: height) == ImageFit(columns: halfColumns, rows: halfRows))
    }
}
