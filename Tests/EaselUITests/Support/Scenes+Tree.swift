import EaselCore
@testable import EaselUI
import Foundation

extension Scenes {
    /// The history with thread 3 holding a small tree: #11 (a lighthouse) has an edit (#15, in
    /// this thread, recorded after an unrelated #13) and a variation (#21, in thread 2); the
    /// entries pane has the keyboard.
    static func historyTree(width: Int = 80, height: Int = 24) -> AppState {
        var state = history(width: width, height: height)
        let day = Date(timeIntervalSince1970: 1_790_000_000)
        func request(_ prompt: String, steps: Int, style: String = "enhance") -> GenerationRequest {
            GenerationRequest(
                provider: .aiClient, model: "stablediffusion_text2img",
                parts: [PromptPart(prompt), PromptPart("golden light", weight: 0.7), PromptPart("blurry", weight: -1)],
                settings: [.steps: .integer(steps), .style: .text(style)])
        }
        func image(_ name: String) -> ImageRow {
            ImageRow(path: "/img/\(name).png", url: nil, width: 1024, height: 1024, bytes: 1_450_000)
        }
        let entries = [
            EntryRow(id: 10, isRequest: true, created: day, request: request("a lighthouse on a cliff at dusk", steps: 40), waiting: false, error: nil,
                     credits: 0, revisedPrompt: nil, images: []),
            EntryRow(id: 11, isRequest: false, created: day.addingTimeInterval(40), request: nil, waiting: false, error: nil, credits: 5, revisedPrompt: nil,
                     images: [image("lighthouse")],
                     lineage: EntryLineage(children: [LinkedEntry(id: 15, thread: 3, operation: .edit), LinkedEntry(id: 21, thread: 2, operation: .variation)])),
            EntryRow(id: 12, isRequest: true, created: day.addingTimeInterval(100), request: request("a harbour at night", steps: 40), waiting: false,
                     error: nil, credits: 0, revisedPrompt: nil, images: []),
            EntryRow(id: 13, isRequest: false, created: day.addingTimeInterval(140), request: nil, waiting: false, error: nil, credits: 5, revisedPrompt: nil,
                     images: [image("harbour")]),
            EntryRow(id: 14, isRequest: true, created: day.addingTimeInterval(200), request: request("a lighthouse on a cliff at dawn", steps: 50), waiting: false,
                     error: nil, credits: 0, revisedPrompt: nil, images: []),
            EntryRow(id: 15, isRequest: false, created: day.addingTimeInterval(240), request: nil, waiting: false, error: nil, credits: 5, revisedPrompt: nil,
                     images: [image("dawn")], lineage: EntryLineage(operation: .edit, parent: LinkedEntry(id: 11, thread: 3))),
        ]
        _ = Reducer.reduce(&state, .entriesLoaded(thread: 3, entries))
        press(&state, .char("l"))
        return state
    }
}
