import EaselCore
import EaselStore
import EaselStudio
import EaselUI
import Foundation

extension Bench {
    /// A synthetic history (by default 100,000 threads and 1,000,000 entries, built once and kept
    /// in `.benchmarks/`), then what a user feels browsing it: the studio's first frame, the
    /// history pane's first page, keystroke → frame when scrolling threads and entries, search
    /// as you type, and the peak memory of it all.
    static func historyBrowsing(threads: Int) async throws {
        // In-process (a pilot, no terminal): the model's share of each key. What a user sees —
        // key → screen settled and bytes on a real pty, with anchors — is bench/studio_bench.py's.
        print("\n## History browsing in-process (\(threads) threads × 10 entries; the model's time only, the terminal figures are in bench/studio_bench.py; peak RSS ≤ 60 MB)")
        let file = try syntheticHistory(threads: threads)
        resetPeakMemory()
        let clock = ContinuousClock()
        var started = clock.now
        let store = try HistoryStore.open(at: file)
        let pilot = StudioPilot(
            state: AppState(context: .sandbox(implicit: false), width: 160, height: 48, provider: .aiClient), launcher: nil,
            history: HistoryLoader(store: store), width: 160, height: 48)
        pilot.start()
        try await pilot.waitUntil("the first frame") { _ in true }
        print(String(format: "open the history and draw the studio's first frame: %.1f ms", (clock.now - started).inSeconds * 1000))

        started = clock.now
        pilot.press(.alt(.character("3")))
        try await pilot.waitUntil("the first page and its entries") { !$0.history.threads.isEmpty && !$0.history.entries.isEmpty }
        print(String(format: "open the history pane (first page of %d threads + the first thread's entries): %.1f ms", HistoryState.pageSize, (clock.now - started).inSeconds * 1000))

        var selection: [Double] = []
        var entriesShown: [Double] = []
        for step in 1...300 {
            let before = clock.now
            pilot.press(.char("j"))
            try await pilot.waitUntilShown("the selection to move") { $0.history.selected == step }
            selection.append((clock.now - before).inSeconds * 1000)
            try await pilot.waitUntilShown("the entries to load") { $0.history.entriesThread == $0.history.selectedThreadID && !$0.history.entries.isEmpty }
            entriesShown.append((clock.now - before).inSeconds * 1000)
            if ProcessInfo.processInfo.environment["EASEL_BENCH_VERBOSE"] != nil, (selection.last ?? 0) > 10 {
                print(String(format: "  step %d: %.2f ms", step, selection.last ?? 0))
            }
        }
        report("in-process: scroll the thread list: key → state", selection)
        report("in-process: scroll the thread list: key → state with the thread's entries", entriesShown)

        pilot.press(KeyPress(.enter))
        var entrySteps: [Double] = []
        for step in 1...9 {
            let before = clock.now
            pilot.press(.char("j"))
            try await pilot.waitUntilShown("the entry selection to move") { $0.history.selectedEntry == step }
            entrySteps.append((clock.now - before).inSeconds * 1000)
        }
        report("in-process: scroll the entry list: key → state", entrySteps)

        pilot.press(KeyPress(.left), .char("/"))
        var search: [Double] = []
        for word in ["lighthouse", "fox snow", "cafe dusk"] {
            pilot.press(.ctrl("u"))
            try await pilot.settle()
            var typed = ""
            for character in word {
                typed.append(character)
                let before = clock.now
                pilot.type(String(character))
                let expected = typed
                try await pilot.waitUntilShown("results for \(expected)") { state in
                    state.history.search.text == expected && state.history.hits != nil
                        && (!state.history.hits!.isEmpty || expected.count < AppState.shortestSearch)
                }
                search.append((clock.now - before).inSeconds * 1000)
                try await pilot.settle()
                if ProcessInfo.processInfo.environment["EASEL_BENCH_VERBOSE"] != nil {
                    print(String(format: "  %@: %.2f ms", typed, search.last ?? 0))
                }
            }
        }
        report("in-process: search as you type: key → state with results", search)
        print(String(format: "peak RSS while browsing: %.1f MB", Double(peakMemoryKB()) / 1024))
        await pilot.stop()
    }

    /// The synthetic history of `threads` threads in `.benchmarks/`, built on first use and kept
    /// (building 100k threads takes minutes); `bench/studio_bench.py` asks for it through
    /// `easel-bench history-db`, so the studio on a pty browses the same file.
    static func syntheticHistory(threads: Int) throws -> URL {
        let file = URL(fileURLWithPath: ".benchmarks/history-\(threads).sqlite")
        if !FileManager.default.fileExists(atPath: file.path) {
            let started = Date()
            try makeHistory(at: file, threads: threads)
            print(String(format: "built the synthetic history in %.0f s (kept in %@)", Date().timeIntervalSince(started), file.path))
        }
        return file
    }

    static func report(_ what: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        func at(_ fraction: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))] }
        print(String(format: "%@: median %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", what, at(0.5), at(0.99), sorted.last ?? 0, sorted.count))
    }

    /// Writes a history of `threads` threads with five requests and five responses each, with
    /// prompts drawn from a fixed vocabulary (so search has realistic postings).
    static func makeHistory(at file: URL, threads: Int) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = file.appendingPathExtension("partial")
        try? FileManager.default.removeItem(at: partial)
        let store = try HistoryStore.open(at: partial)
        var generator = SystemRandomNumberGenerator()
        let words = vocabulary
        func phrase(_ count: Int) -> String {
            (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] }.joined(separator: " ")
        }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let batch = 500
        for first in stride(from: 0, to: threads, by: batch) {
            try store.transaction {
                for index in first..<min(threads, first + batch) {
                    let created = start.addingTimeInterval(Double(index) * 600)
                    let thread = try store.upsertThread(
                        provider: .aiClient, guid: UUID().uuidString.lowercased(), title: phrase(4), model: index % 3 == 0 ? "dalle2_text2img" : "stablediffusion_text2img",
                        created: created, updated: created.addingTimeInterval(300))
                    for turn in 0..<5 {
                        let request = GenerationRequest(
                            provider: .aiClient, model: "stablediffusion_text2img",
                            parts: [PromptPart(phrase(8)), PromptPart(phrase(2), weight: -1)], settings: [.steps: .integer(30 + turn)])
                        _ = try store.recordEntry(thread: thread, guid: UUID().uuidString.lowercased(), kind: .request, request: request, created: created.addingTimeInterval(Double(turn) * 60))
                        let response = try store.recordEntry(thread: thread, guid: UUID().uuidString.lowercased(), kind: .response, credits: 5, created: created.addingTimeInterval(Double(turn) * 60 + 30))
                        try store.recordRemoteImages(entry: response, images: [AIClientImage(
                            url: "https://app.ai-client.com/storage/stablediffusion_text2img/\(UUID().uuidString).png",
                            thumbnailURL: nil, dimensions: ImageSize(width: 1024, height: 1024), filesize: 1_400_000)])
                    }
                }
            }
        }
        try FileManager.default.moveItem(at: partial, to: file)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial.path + suffix) }
    }

    static let vocabulary: [String] = """
        lighthouse cliff dusk dawn oil painting watercolor fox snow forest river mountain city night neon rain \
        portrait cat dog owl dragon castle ship sea storm sunset sunrise golden light shadow fog mist garden \
        flower rose tulip cafe street market train station bridge tower desert dune cactus canyon glacier \
        aurora galaxy nebula planet moon star comet robot android cyberpunk steampunk medieval baroque gothic \
        minimal abstract surreal cubist impressionist sketch charcoal ink pastel vivid muted warm cold calm \
        stormy quiet busy ancient modern futuristic tiny giant cozy lonely crowded red blue green yellow purple \
        orange silver bronze marble glass wooden velvet paper origami clay pixel isometric cinematic wide macro \
        blurry watermark text lowres jpeg artifacts noisy grainy distorted extra fingers cropped
        """.split(separator: " ").map(String.init)

    /// Resets the kernel's peak-RSS mark so the figure covers only what follows.
    static func resetPeakMemory() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// The peak resident set size in KiB (`VmHWM`).
    static func peakMemoryKB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
