import EaselCore
import EaselStudio
import EaselUI
import Foundation

extension Bench {
    /// The mask editor over a 2048×2048 image at 200×50: keystroke → frame (reduce, render,
    /// diff) for brush steps, beside the same cost for a key in the plain viewer, and the bytes
    /// a brush step sends to the terminal.
    static func maskEditorCost() {
        print("\n## Mask editor at 200×50 over a 2048×2048 image (target: p99 ≤ 5 ms per keystroke, ≤ 1 KB per brush step)")
        let image = ViewerImage(path: "/bench/2048.png", url: nil, width: 2048, height: 2048, bytes: 4 << 20, format: "PNG", prompt: "", caption: "bench")
        var state = AppState(context: .sandbox(), width: 200, height: 50, provider: .aiClient)
        state.viewer = ViewerState(images: [image])
        loadBenchPictures(&state)

        // Anchor: the same key in the plain viewer (l: the next image, here the same one).
        let viewerKeys: [KeyPress] = Array(repeating: .char("l"), count: 400)
        let anchor = keystrokeCost(&state, keys: viewerKeys)

        _ = Reducer.reduce(&state, .input(.key(.char("m"))))
        loadBenchPictures(&state)
        // A brush of 3 cells painting along a zigzag: move, paint, move, paint…
        _ = Reducer.reduce(&state, .input(.key(.char("]"))))
        var strokes: [KeyPress] = []
        for row in 0..<6 {
            let across: KeyPress = row % 2 == 0 ? .char("l") : .char("h")
            for _ in 0..<40 { strokes += [across, .char(" ")] }
            strokes.append(.char("j"))
        }
        let fit = keystrokeCost(&state, keys: strokes)
        _ = Reducer.reduce(&state, .input(.key(.char("z"))))
        loadBenchPictures(&state)
        let actual = keystrokeCost(&state, keys: strokes)
        let whole = keystrokeCost(&state, keys: Array(repeating: [KeyPress.char("f"), .char("C"), .char("i"), .char("u")], count: 25).flatMap { $0 })

        print("keys                      p50_ms  p99_ms  est_bytes_per_key  cells_per_key")
        for (name, figures) in [("viewer l (anchor)", anchor), ("mask fit: move + paint", fit), ("mask 1:1: move + paint", actual),
                                ("mask f / C / i / u", whole)] {
            print(name.padding(toLength: 25, withPad: " ", startingAt: 0) + String(format: " %6.3f  %6.3f  %17d  %13d", figures.p50, figures.p99, figures.bytes, figures.cells))
        }
        print("(bytes estimated from the frame diff: a cursor move per changed run and a direct-colour SGR per changed cell; ncurses writes at most this)")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-masks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        if let editor = state.maskEditor {
            for feather in [0, 8] {
                let started = DispatchTime.now().uptimeNanoseconds
                let result = MaskWriter(directory: directory).write(MaskSaveRequest(source: editor.source, mask: editor.mask, feather: feather, revision: 1))
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                if case .success(let saved) = result {
                    let size = (try? FileManager.default.attributesOfItem(atPath: saved.path)[.size] as? Int) ?? 0
                    print(String(format: "save 2048×2048, feather %2d px: %.1f ms, %d bytes", feather, elapsed, size))
                }
            }
        }
    }

    /// Fills every picture the screen wants: fitted ones at the size the loader would make for
    /// a square image with 1:2 cells, 1:1 windows at the window's size.
    private static func loadBenchPictures(_ state: inout AppState) {
        for key in Reducer.wantedPreviews(state) where state.previews[key] == .loading {
            let side = key.origin == nil ? min(key.columns, key.rows * 2) : key.columns
            let rows = key.origin == nil ? side / 2 : key.rows
            var cells: [PictureCell] = []
            for y in 0..<rows {
                for x in 0..<side {
                    cells.append(.halfBlock(top: RGBColor(red: UInt8(x % 256), green: UInt8(y * 4 % 256), blue: 120),
                                           bottom: RGBColor(red: UInt8(x % 256), green: UInt8((y * 4 + 2) % 256), blue: 120)))
                }
            }
            _ = Reducer.reduce(&state, .previewLoaded(key, CellPicture(columns: side, rows: rows, cells: cells)))
        }
    }

    /// Per key: reduce + render + diff, as the loop does; percentiles in ms, mean estimated bytes
    /// and changed cells.
    private static func keystrokeCost(_ state: inout AppState, keys: [KeyPress]) -> (p50: Double, p99: Double, bytes: Int, cells: Int) {
        var previous = Renderer.render(state).grid
        var times: [Double] = []
        var bytes = 0
        var cells = 0
        for key in keys {
            let started = DispatchTime.now().uptimeNanoseconds
            _ = Reducer.reduce(&state, .input(.key(key)))
            let grid = Renderer.render(state).grid
            let runs = grid.diff(from: previous)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            for run in runs {
                bytes += 8
                for cell in run.cells { bytes += cell.style.pixels != nil ? 41 : 12 }
                cells += run.cells.count
            }
            previous = grid
        }
        times.sort()
        let count = max(1, keys.count)
        return (times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)], bytes / count, cells / count)
    }
}
