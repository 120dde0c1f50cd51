import EaselImage
import EaselPixels
import Foundation

extension Bench {
    /// `easel-bench symbols`: how close each symbol set's cells come to the source picture, beside
    /// half blocks (the anchor) and chafa's symbol mode at the same cell size, and what a
    /// 200×50 frame costs. Cells are drawn back to pixels (each glyph's mask at 8×24 per cell,
    /// colours mixed in linear light) and compared with the source scaled to the same grid.
    static func symbolQuality(columns: Int = 80, rows: Int = 24) throws {
        print("\n## Symbol sets: picture error at \(columns)×\(rows) cells (lower MSE and higher SSIM are better)")
        print("anchors: half (what the studio drew before) and chafa \(chafaVersion() ?? "(not installed: apt-get install chafa)")")
        print("image            renderer                      mse_linear×1e3  ssim_luma  cells")
        let images: [(String, RGBImage)] = [
            ("painted-1", ImagePainter.paint(prompt: "a lighthouse on a cliff at dusk", seed: 7, width: 768, height: 768)),
            ("painted-2", ImagePainter.paint(prompt: "portrait of a fox in a garden, oil", seed: 3, width: 1024, height: 768)),
            ("photo-like", photoLike(width: 960, height: 720)),
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-symbols-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, image) in images {
            let fit = ImageFit.fitting(imageWidth: image.width, imageHeight: image.height, maxColumns: columns, maxRows: rows)
            let reference = image.resized(width: fit.columns * GlyphRaster.width, height: fit.rows * GlyphRaster.height)
            for set in SymbolSet.allCases {
                let size = SymbolRenderer.pixelSize(columns: fit.columns, rows: fit.rows, symbols: set)
                let picture = SymbolRenderer.picture(of: image.resized(width: size.width, height: size.height), symbols: set)
                report(name, "easel \(set.rawValue)", picture.cells, columns: fit.columns, rows: fit.rows, reference: reference)
            }
            let file = directory.appendingPathComponent("\(name).png")
            try Data(PNGEncoder.encode(image)).write(to: file)
            for (label, classes) in chafaSets {
                guard let cells = chafaCells(file: file.path, classes: classes, columns: fit.columns, rows: fit.rows) else {
                    print(pad(name, 16) + " " + pad("chafa \(label)", 30) + "  (not run)")
                    continue
                }
                report(name, "chafa \(label)", cells, columns: fit.columns, rows: fit.rows, reference: reference)
            }
        }
        symbolTiming(directory: directory)
        paletteMatching()
    }

    /// chafa's symbol classes closest to each of Easel's sets, plus its whole block class.
    static let chafaSets: [(String, String)] = [
        ("hhalf (≈ half)", "space+solid+hhalf"), ("quad+half (≈ quadrant)", "space+solid+half+quad"),
        ("sextant (≈ sextant)", "space+solid+vhalf+sextant"), ("block", "block"),
    ]

    static func report(_ image: String, _ renderer: String, _ cells: [PictureCell], columns: Int, rows: Int, reference: RGBImage) {
        let drawn = GlyphRaster.draw(cells, columns: columns, rows: rows)
        let unknown = cells.filter { !GlyphRaster.knows($0.glyph) }.count
        let (mse, ssim) = PictureScore.compare(drawn, reference)
        let note = unknown > 0 ? "  (\(unknown) glyphs not measured)" : ""
        print(pad(image, 16) + " " + pad(renderer, 30) + String(format: "  %14.3f  %9.4f  %d", mse * 1000, ssim, cells.count) + note)
    }

    /// Time to turn a scaled 200×50-cell picture into cells, per set, beside half blocks.
    static func symbolTiming(directory: URL) {
        print("\n## Symbol renderer time for a 200×50-cell frame (anchor: half blocks, same run)")
        let image = photoLike(width: 1600, height: 1000)
        for set in SymbolSet.allCases {
            let size = SymbolRenderer.pixelSize(columns: 200, rows: 50, symbols: set)
            let scaled = image.resized(width: size.width, height: size.height)
            let start = DispatchTime.now().uptimeNanoseconds
            var scaleTotal = 0.0
            let frames = 20
            for _ in 0..<frames { _ = SymbolRenderer.picture(of: scaled, symbols: set) }
            let cellTime = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(frames) / 1e6
            let scaleStart = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<5 { _ = image.resized(width: size.width, height: size.height) }
            scaleTotal = Double(DispatchTime.now().uptimeNanoseconds - scaleStart) / 5 / 1e6
            print(pad(set.rawValue, 9) + String(format: " cells %7.2f ms/frame   (scaling the source to %d×%d: %6.2f ms)", cellTime, size.width, size.height, scaleTotal))
        }
        let file = directory.appendingPathComponent("timing.png")
        if (try? Data(PNGEncoder.encode(image)).write(to: file)) != nil {
            let start = DispatchTime.now().uptimeNanoseconds
            if chafaCells(file: file.path, classes: "space+solid+vhalf+sextant", columns: 200, rows: 50) != nil {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                print(String(format: "chafa sextant, whole process (decode, scale, cells, output): %.1f ms", elapsed))
            }
        }
    }

    /// The xterm-256 matcher beside a brute-force search over the 240 entries it may pick.
    static func paletteMatching() {
        print("\n## xterm-256 matching (anchor: brute force over entries 16–255, same answers checked)")
        let count = 1 << 20
        var sum = 0
        var start = DispatchTime.now().uptimeNanoseconds
        for value in 0..<count {
            sum &+= Int(XtermPalette.nearestIndex(UInt8(truncatingIfNeeded: value * 7), UInt8(truncatingIfNeeded: value >> 4), UInt8(truncatingIfNeeded: value >> 12)))
        }
        let table = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count)
        let palette = (16...255).map { XtermPalette.color(UInt8($0)) }
        var mismatches = 0
        start = DispatchTime.now().uptimeNanoseconds
        for value in 0..<count {
            let (red, green, blue) = (Int(UInt8(truncatingIfNeeded: value * 7)), Int(UInt8(truncatingIfNeeded: value >> 4)), Int(UInt8(truncatingIfNeeded: value >> 12)))
            var best = Int.max
            for entry in palette {
                let distance = (red - Int(entry.red)) * (red - Int(entry.red)) + (green - Int(entry.green)) * (green - Int(entry.green))
                    + (blue - Int(entry.blue)) * (blue - Int(entry.blue))
                best = min(best, distance)
            }
            let chosen = XtermPalette.color(XtermPalette.nearestIndex(UInt8(red), UInt8(green), UInt8(blue)))
            let distance = (red - Int(chosen.red)) * (red - Int(chosen.red)) + (green - Int(chosen.green)) * (green - Int(chosen.green))
                + (blue - Int(chosen.blue)) * (blue - Int(chosen.blue))
            if distance != best { mismatches += 1 }
        }
        let brute = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count)
        print(String(format: "XtermPalette.nearestIndex %.1f ns/colour   brute force %.1f ns/colour   non-nearest answers: %d of %d (%d)", table, brute, mismatches, count, sum & 1))
    }

    /// A smooth, photo-like picture: a sky gradient, a soft sun, hills and fine texture.
    static func photoLike(width: Int, height: Int) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var noise: UInt64 = 0x2545_F491_4F6C_DD1D
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(width)
                let v = Double(y) / Double(height)
                noise ^= noise << 13
                noise ^= noise >> 7
                noise ^= noise << 17
                let grain = Double(noise % 17) - 8
                var color = (40 + 150 * v, 80 + 120 * v, 200 - 60 * v)
                let sun = exp(-(pow((u - 0.7) * 6, 2) + pow((v - 0.3) * 6, 2)))
                color = (color.0 + 200 * sun, color.1 + 160 * sun, color.2 + 40 * sun)
                let hill = 0.62 + 0.08 * sin(u * 9) + 0.03 * sin(u * 31)
                if v > hill { color = (60 + 40 * u, 110 - 30 * (v - hill) * 4, 50 + 20 * sin(u * 50)) }
                let index = (y * width + x) * 3
                pixels[index] = UInt8(max(0, min(255, color.0 + grain)))
                pixels[index + 1] = UInt8(max(0, min(255, color.1 + grain)))
                pixels[index + 2] = UInt8(max(0, min(255, color.2 + grain)))
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `chafa --version`'s first line, or nil when chafa is not installed.
    static func chafaVersion() -> String? {
        guard let output = runChafa(["--version"]) else { return nil }
        return String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }

    /// chafa's cells for `file` at exactly `columns` × `rows` (stretched, as Easel's fit already
    /// kept the aspect), 24-bit colour, no repeat sequences, its most careful work factor.
    static func chafaCells(file: String, classes: String, columns: Int, rows: Int) -> [PictureCell]? {
        let arguments = [
            "-f", "symbols", "-c", "full", "-O", "0", "-w", "9", "--symbols", classes, "--size", "\(columns)x\(rows)",
            "--stretch", "--animate", "off", file,
        ]
        guard let output = runChafa(arguments) else { return nil }
        let cells = ANSICells.parse(output)
        guard cells.count == rows, cells.allSatisfy({ $0.count == columns }) else {
            print("chafa gave \(cells.count) rows of \(cells.first?.count ?? 0) cells, not \(rows) of \(columns)")
            return nil
        }
        return cells.flatMap { $0 }
    }

    static func runChafa(_ arguments: [String]) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chafa"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Array(data) : nil
    }
}
