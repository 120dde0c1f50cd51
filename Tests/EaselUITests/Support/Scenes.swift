import Foundation
import EaselCore
@testable import EaselUI

/// States the snapshot and reducer tests start from, built through the reducer where possible
/// so they are states the studio can really reach.
enum Scenes {
    /// A fresh studio on the sandbox.
    static func fresh(width: Int = 80, height: Int = 24, model: String? = "stablediffusion_text2img") -> AppState {
        var state = AppState(context: .sandbox(), width: width, height: height, provider: .aiClient, model: model)
        state.context.timeZone = TimeZone(identifier: "UTC") ?? .current
        state.now = 100
        return state
    }

    /// Applies keys through the reducer, returning the effects of the last.
    @discardableResult
    static func press(_ state: inout AppState, _ keys: KeyPress...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects = Reducer.reduce(&state, .input(.key(key))) }
        return effects
    }

    static func type(_ state: inout AppState, _ text: String) {
        for character in text { _ = Reducer.reduce(&state, .input(.key(.char(character)))) }
    }

    /// A weighted Stable Diffusion prompt: a main part, a weaker extra, and a negative part.
    static func weighted(width: Int = 80, height: Int = 24) -> AppState {
        var state = fresh(width: width, height: height)
        type(&state, "a lighthouse on a cliff at dusk, oil painting")
        press(&state, .alt(.character("=")))
        type(&state, "golden light")
        press(&state, .alt(.down), .alt(.down), .alt(.down))
        press(&state, .alt(.character("-")))
        type(&state, "blurry, 漢字 watermark")
        return state
    }

    static func image(_ index: Int) -> SavedImage {
        SavedImage(
            path: "/home/ada/.local/share/easel/images/20261121-101500-ab12cd-\(index).png",
            width: 1024, height: 1024, bytes: 1_650_000, format: .png)
    }

    /// One job in every phase the progress pane can show.
    static func jobs(width: Int = 80, height: Int = 24) -> AppState {
        var state = fresh(width: width, height: height)
        let phases: [JobPhase] = [
            .queued, .sending, .waiting(pollCount: 3, nextPoll: 1.0, since: 99.6), .downloading(done: 1, total: 2),
            .done, .failed("the provider refused the request (HTTP 422): The prompt field is required."),
            .outcomeUnknown("the request was sent but the connection was reset"), .cancelled,
        ]
        for (index, phase) in phases.enumerated() {
            var job = JobRow(
                id: index + 1, provider: .aiClient, model: index % 2 == 0 ? "stablediffusion_text2img" : "dalle2_text2img",
                prompt: "a lighthouse at dusk number \(index + 1)", startedAt: 100 - Double(10 * (index + 1)))
            job.phase = phase
            if phase.isFinished { job.finishedAt = job.startedAt + 7.5 }
            if phase == .done {
                job.images = [image(1), image(2)]
                job.thread = "7f3a9c2e-1b2d-4c5e-9f00-123456789abc"
                job.entry = "42"
            }
            state.jobs.insert(job, at: 0)
        }
        state.nextJobID = phases.count + 1
        return state
    }

    /// The history pane with three threads loaded and the first one's entries shown.
    static func history(width: Int = 80, height: Int = 24) -> AppState {
        var state = fresh(width: width, height: height)
        Scenes.press(&state, .alt(.character("3")))
        let day = Date(timeIntervalSince1970: 1_790_000_000)
        let threads = [
            ThreadRow(id: 3, provider: .aiClient, title: "a lighthouse on a cliff at dusk", model: "stablediffusion_text2img", updated: day, entries: 2, images: 1, credits: 5),
            ThreadRow(id: 2, provider: .openAI, title: "a red fox in snow", model: "dall-e-3", updated: day.addingTimeInterval(-3600), entries: 2, images: 1, credits: 0),
            ThreadRow(id: 1, provider: .aiClient, title: "", model: "dalle2_text2img", updated: day.addingTimeInterval(-86_400), entries: 4, images: 2, credits: 14),
        ]
        _ = Reducer.reduce(&state, .threadsLoaded(threads, append: false, complete: true))
        _ = Reducer.reduce(&state, .historyModelsLoaded([.aiClient: ["dalle2_text2img", "stablediffusion_text2img"], .openAI: ["dall-e-3"]]))
        let request = GenerationRequest(
            provider: .aiClient, model: "stablediffusion_text2img",
            parts: [PromptPart("a lighthouse on a cliff at dusk"), PromptPart("golden light", weight: 0.7), PromptPart("blurry", weight: -1)],
            settings: [.steps: .integer(40), .style: .text("enhance")])
        let entries = [
            EntryRow(id: 10, isRequest: true, created: day, request: request, waiting: false, error: nil, credits: 0, revisedPrompt: nil, images: []),
            EntryRow(id: 11, isRequest: false, created: day.addingTimeInterval(40), request: nil, waiting: false, error: nil, credits: 5, revisedPrompt: nil,
                     images: [ImageRow(path: "/home/ada/.local/share/easel/images/20261121-101500-ab12cd-1.png", url: nil, width: 1024, height: 1024, bytes: 1_450_000)]),
        ]
        _ = Reducer.reduce(&state, .entriesLoaded(thread: 3, entries))
        return state
    }
}
