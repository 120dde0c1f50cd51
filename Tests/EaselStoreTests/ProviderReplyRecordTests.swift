import EaselCore
import EaselImage
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

/// The history entry holds what was sent; what was composed, when it differs, is kept beside it.
@Suite struct SentRequestRecordTests {
    @Test func theRequestEntryHoldsTheSentPromptAndTheComposedOneApart() throws {
        let store = try HistoryStore.temporary()
        let composed = [PromptPart("a red fox"), PromptPart("golden hour", weight: 0.8), PromptPart("blurry", weight: -1)]
        let request = GenerationRequest(provider: .openAI, model: "dall-e-3", parts: composed, settings: [.quality: .text("hd")])
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://api.openai.com/v1")
        var result = GenerationResult(provider: "openai", model: "dall-e-3", images: [])
        result.prompts = [PromptPart("a red fox, golden hour")]
        result.composedPrompts = composed
        let thread = try store.localThread(provider: .openAI, title: "a red fox", model: "dall-e-3")
        #expect(recorder.finish(.success(result), localThread: { thread }) == nil)
        let entry = try #require(try store.entries(ofThread: thread).first)
        #expect(entry.request?.parts == [PromptPart("a red fox, golden hour")])
        #expect(entry.request?.settings == [.quality: .text("hd")])
        #expect(entry.composed?.parts == composed)
        #expect(try store.search("blurry").isEmpty, "the negative was not sent, so it is not what the entry says was asked")
    }

    @Test func aRequestSentAsComposedHasNoSeparateComposedCopy() throws {
        let store = try HistoryStore.temporary()
        let parts = [PromptPart("a lighthouse"), PromptPart("fog", weight: -1)]
        let request = GenerationRequest(provider: .aiClient, model: "stablediffusion_text2img", parts: parts)
        let recorder = try JobRecorder(store: store, request: request, baseURL: "https://app.ai-client.com/api/v1")
        var result = GenerationResult(provider: "ai-client", model: "stablediffusion_text2img", thread: "t-1", entry: "e-1", images: [])
        result.prompts = parts
        #expect(recorder.finish(.success(result), localThread: { nil }) == nil)
        let thread = try #require(try store.threadID(provider: .aiClient, guid: "t-1"))
        let entry = try #require(try store.entries(ofThread: thread).first)
        #expect(entry.request?.parts == parts)
        #expect(entry.composed == nil)
    }
}
