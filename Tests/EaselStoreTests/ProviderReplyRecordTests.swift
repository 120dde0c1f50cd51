import EaselCore
import Foundation
import Testing

@testable import EaselStore

/// What a provider reported with a generation reaches the history entry: credits, token usage
/// and the reply itself (Azure's filter results among it).
@Suite struct ProviderReplyRecordTests {
    @Test func creditsUsageAndTheReplyAreKeptWithTheResponseEntry() throws {
        let store = try HistoryStore.temporary()
        let request = GenerationRequest(provider: .azure, model: "dall-e-3", parts: [PromptPart("a heron")])
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://r.openai.azure.com")
        let reply = JSONValue.object([
            "created": .int(1_700_000_000),
            "data": .array([.object([
                "url": .string("https://r.blob/1.png"),
                "content_filter_results": .object(["violence": .object(["filtered": .bool(false), "severity": .string("safe")])]),
            ])]),
        ])
        let result = GenerationResult(
            provider: "azure", model: "dall-e-3", credits: 84_000, usage: .object(["total_tokens": .int(12)]), reply: reply, images: [])
        let thread = try store.localThread(provider: .azure, title: "a heron", model: "dall-e-3")
        #expect(recorder.finish(.success(result), localThread: { thread }) == nil)
        let response = try #require(try store.entries(ofThread: thread).last)
        #expect(response.credits == 84_000)
        #expect(response.rawJSON.flatMap { JSONValue.parse(Array($0.utf8)) } == reply)
        #expect(response.usage?["total_tokens"]?.intValue == 12)
    }
}
