import EaselCore
import EaselUI
import Foundation

extension Bench {
    /// What one frame costs the studio: reducing a tick, rendering 200×50 with 64 running jobs,
    /// and diffing against the previous frame (what the loop does four times a second while
    /// jobs run).
    static func renderCost() {
        print("\n## Studio frame at 200×50 with 64 running jobs (the loop does this 4× a second while jobs run)")
        var state = AppState(context: .sandbox(), width: 200, height: 50, provider: .aiClient)
        _ = Reducer.reduce(&state, .input(.paste("a lighthouse on a cliff at dusk, oil painting")))
        for _ in 0..<64 {
            for effect in Reducer.reduce(&state, .command(.submit)) {
                if case .submit(let id, _) = effect {
                    _ = Reducer.reduce(&state, .jobUpdated(id, JobUpdate(state: .waiting(pollCount: 3, nextPoll: .seconds(1))), at: 1))
                }
            }
        }
        _ = Reducer.reduce(&state, .command(.focusPane(.progress)))
        var previous = Renderer.render(state).grid
        let frames = 400
        var reduceTime = 0.0
        var renderTime = 0.0
        var diffTime = 0.0
        var changedCells = 0
        for frame in 0..<frames {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = Reducer.reduce(&state, .tick(now: 2 + Double(frame) * 0.25))
            let t1 = DispatchTime.now().uptimeNanoseconds
            let grid = Renderer.render(state).grid
            let t2 = DispatchTime.now().uptimeNanoseconds
            changedCells += grid.diff(from: previous).reduce(0) { $0 + $1.cells.count }
            let t3 = DispatchTime.now().uptimeNanoseconds
            reduceTime += Double(t1 - t0)
            renderTime += Double(t2 - t1)
            diffTime += Double(t3 - t2)
            previous = grid
        }
        let perFrame = (reduceTime + renderTime + diffTime) / Double(frames) / 1e6
        print(String(format: "reduce %.3f ms  render %.3f ms  diff %.3f ms  per frame; %d cells changed per tick", reduceTime / Double(frames) / 1e6, renderTime / Double(frames) / 1e6, diffTime / Double(frames) / 1e6, changedCells / frames))
        print(String(format: "≈ %.2f%% of one core at 4 frames a second", perFrame * 4 / 10))
    }
}
