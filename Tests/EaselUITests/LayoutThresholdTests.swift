import EaselCore
@testable import EaselUI
import Testing

/// The layout on both sides of every size where it changes shape: panes never overlap, nothing
/// lies outside the screen or its pane, and the focused section is on screen.
@Suite("Layout thresholds")
struct LayoutThresholdTests {
    static let widths = [39, 40, 79, 80, 119, 120, 159, 160, 200]
    static let heights = [11, 12, 19, 20, 23, 24, 31, 32, 50]

    /// Every `Rect` inside `value`, found by reflection so a new field of a sub-layout is
    /// checked without touching this test.
    static func rects(in value: Any, path: String = "") -> [(String, Rect)] {
        if let rect = value as? Rect { return rect.isEmpty ? [] : [(path, rect)] }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.map { rects(in: $0.value, path: path) } ?? []
        }
        return mirror.children.flatMap { child in rects(in: child.value, path: path + "." + (child.label ?? "?")) }
    }

    static func inside(_ inner: Rect, _ outer: Rect) -> Bool {
        inner.x >= outer.x && inner.y >= outer.y && inner.maxX <= outer.maxX && inner.maxY <= outer.maxY
    }

    static func overlap(_ a: Rect, _ b: Rect) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }

    static func scenes(width: Int, height: Int) -> [(String, AppState)] {
        var result: [(String, AppState)] = []
        for focus in [Focus.prompt, .parts, .settings, .jobs] {
            var state = Scenes.jobs(width: width, height: height)
            state.focus = focus
            result.append(("\(focus)", state))
        }
        for focus in [Focus.historyList, .historyEntries, .historySearch] {
            var state = Scenes.history(width: width, height: height)
            state.focus = focus
            result.append(("\(focus)", state))
        }
        return result
    }

    @Test("no overlap, nothing outside, the focused section on screen", arguments: widths)
    func invariants(width: Int) throws {
        var subRectangles = 0
        for height in Self.heights {
            for (name, state) in Self.scenes(width: width, height: height) {
                let at = "\(name) at \(width)×\(height)"
                let layout = StudioLayout(state)
                let screen = Rect(x: 0, y: 0, width: width, height: height)
                let frame = Renderer.render(state)
                #expect(frame.grid.width == width && frame.grid.height == height, "\(at)")
                if let cursor = frame.cursor {
                    #expect(screen.contains(x: cursor.x, y: cursor.y), "cursor outside the screen, \(at)")
                }
                guard width >= StudioLayout.minimumWidth, height >= StudioLayout.minimumHeight else {
                    #expect(layout.mode == .tooSmall, "\(at)")
                    #expect(frame.grid.lines.joined().contains("Terminal too small"), "\(at)")
                    continue
                }
                #expect(layout.mode != .tooSmall, "\(at)")
                let bars = [layout.titleBar, layout.messageBar, layout.statusBar]
                var regions = bars + layout.panes.values.map { $0 }
                for (index, region) in regions.enumerated() {
                    #expect(Self.inside(region, screen), "\(region) outside the screen, \(at)")
                    for other in regions[(index + 1)...] {
                        #expect(!Self.overlap(region, other), "\(region) overlaps \(other), \(at)")
                    }
                }
                regions.removeAll()
                // The focused section's pane is shown, with room inside its border.
                let pane = try #require(layout.panes[state.focusedPane], "focused pane hidden, \(at)")
                #expect(pane.width > (layout.bordered ? 2 : 0) && pane.height > (layout.bordered ? 2 : 0), "\(at)")
                // Every sub-rectangle of a pane's layout lies inside that pane.
                let subLayouts: [(PaneID, Any?)] = [(.compose, layout.compose), (.progress, layout.progress), (.history, layout.history)]
                for (id, sub) in subLayouts {
                    guard let sub, let outer = layout.panes[id] else { continue }
                    for (path, rect) in Self.rects(in: sub) {
                        subRectangles += 1
                        #expect(Self.inside(rect, outer), "\(id)\(path) \(rect) outside its pane \(outer), \(at)")
                    }
                }
                // In bordered layouts the focused pane's frame is drawn in the focus style.
                if layout.bordered {
                    let corner = frame.grid[x: pane.x, y: pane.y]
                    let others = layout.panes.filter { $0.key != state.focusedPane }.values
                    for other in others {
                        #expect(frame.grid[x: other.x, y: other.y].style != corner.style, "focus not visible, \(at)")
                    }
                }
            }
        }
        #expect(width < StudioLayout.minimumWidth || subRectangles > 100, "reflection found only \(subRectangles) sub-rectangles")
    }
}
