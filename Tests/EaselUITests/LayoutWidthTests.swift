import EaselCore
@testable import EaselUI
import Testing

/// What tells things apart stays on screen: whole settings labels beside their values, jobs'
/// prompts in the progress pane at 120 columns, and titles with provider and model in the
/// history list at 80.
@Suite("Layout widths")
struct LayoutWidthTests {
    static let sizes = [(80, 24), (120, 40), (200, 50)]

    /// The text of `rect`'s row `y` in a rendered grid.
    static func text(_ grid: CellGrid, _ rect: Rect, row y: Int) -> String {
        String((rect.x..<rect.maxX).compactMap { grid[x: $0, y: y].character })
    }

    @Test("no setting label ever touches its value, for any model of any provider", arguments: sizes)
    func labelsNeverTouchValues(size: (Int, Int)) throws {
        let catalog = Catalog.bundled
        for provider in catalog.providers {
            for model in provider.models {
                var state = AppState(context: .sandbox(), width: size.0, height: size.1, provider: provider.id, model: model.id)
                state.focus = .settings
                let rows = SettingRow.rows(for: state.compose, catalog: catalog)
                for index in rows.indices {
                    state.compose.selectedSetting = index
                    let settings = try #require(StudioLayout(state).compose?.settings)
                    let first = scrollOffset(selected: index, count: rows.count, visible: settings.height)
                    let line = Self.text(Renderer.render(state).grid, settings, row: settings.y + index - first)
                    #expect(line.hasPrefix(rows[index].label + " "), "\(provider.id)/\(model.id) at \(size.0)×\(size.1): \(line)")
                }
            }
        }
    }

    @Test("a value that fits is shown whole; the engine's name is not cut", arguments: sizes)
    func valuesWhole(size: (Int, Int)) throws {
        var state = Scenes.fresh(width: size.0, height: size.1)
        state.focus = .settings
        let text = Renderer.render(state).grid.lines.joined(separator: "\n")
        #expect(text.contains("stable-diffusion-xl-1024-v1-0"))
        #expect(text.contains("ai-client"))
    }

    @Test("every job row shows its whole prompt and its state at 120 columns and up", arguments: sizes.dropFirst())
    func progressRows(size: (Int, Int)) {
        let state = Scenes.jobs(width: size.0, height: size.1)
        let lines = Renderer.render(state).grid.lines
        var shown = 0
        for job in state.jobs {
            // Rows scrolled out of a short pane are not checked.
            guard let row = lines.first(where: { $0.contains("#\(job.id) ") }) else { continue }
            shown += 1
            #expect(row.contains(job.prompt), "#\(job.id): \(row)")
            #expect(row.contains(ProgressView.phaseText(job.phase, now: state.now).0), "#\(job.id): \(row)")
        }
        #expect(shown >= 4)
    }

    @Test("history rows show the whole title and the provider and model", arguments: sizes)
    func historyRows(size: (Int, Int)) throws {
        let state = Scenes.history(width: size.0, height: size.1)
        let list = try #require(StudioLayout(state).history?.list)
        let grid = Renderer.render(state).grid
        let rows = (list.y..<list.y + 3).map { Self.text(grid, list, row: $0) }
        #expect(rows[0].contains("a lighthouse on a cliff at dusk"), "\(rows[0])")
        #expect(rows[0].contains("stablediffusion"), "\(rows[0])")
        // From 120 columns the provider fits too; at 80 the model keeps the room.
        #expect(size.0 < 120 || rows[0].contains("stablediffusion_text2img · ai-client"), "\(rows[0])")
        #expect(rows[1].contains("a red fox in snow") && rows[1].contains("openai") && rows[1].contains("dall-e-3"), "\(rows[1])")
    }
}
