import EaselCore
import Foundation
import Testing

/// The exact bytes Easel puts on the wire.
struct WireTests {
    @Test("the thread list: GET {base}/threads with the token; items without a guid are skipped; other shapes are nil")
    func threadList() {
        let request = AIClientWire.listThreads(baseURL: "https://h.example/api/v1/", token: "tok")
        #expect(request.method == "GET" && request.url == "https://h.example/api/v1/threads")
        #expect(request.headers.contains { $0.0 == "Authorization" && $0.1 == "Bearer tok" })
        let body = #"{"data":[{"guid":"a","ai_version_code":"dalle2_text2img","title":"One","updated_at":"2023-05-01T10:00:00.000000Z"},{"title":"no guid"},{"guid":"b"}]}"#
        let threads = AIClientWire.decodeThreadList(Array(body.utf8))
        #expect(threads?.map(\.guid) == ["a", "b"])
        #expect(threads?.first?.aiVersionCode == "dalle2_text2img" && threads?.first?.title == "One")
        #expect(AIClientWire.decodeThreadList(Array(#"{"message":"Not Found"}"#.utf8)) == nil)
        #expect(AIClientWire.decodeThreadList(Array("<html>".utf8)) == nil)
    }

    @Test func stableDiffusionEntryMatchesTheSeedTutorialByteForByte() throws {
        let request = try resolved(GenerationRequest(
            provider: .aiClient, model: "stablediffusion_text2img",
            parts: [PromptPart("Delorean hacking time", weight: 1), PromptPart("Clock", weight: -1)],
            settings: [
                .engine: .text("stable-diffusion-xl-1024-v0-9"), .size: .text("1024x1024"), .n: .text("2"),
                .steps: .text("45"), .style: .text("neon-punk"),
            ]))
        let outgoing = AIClientWire.createEntry(baseURL: "https://app.ai-client.com/api/v1/", token: "T", thread: "44142638-4934-4bf5-9be7-b4b5a6368f44", request: request)
        // What Python's requests sends for the seed's `data=payload` dict.
        let seedBytes = "type=request&engine=stable-diffusion-xl-1024-v0-9&resolution=1024x1024"
            + "&prompts%5B0%5D%5Btext%5D=Delorean+hacking+time&prompts%5B0%5D%5Bweight%5D=1"
            + "&prompts%5B1%5D%5Btext%5D=Clock&prompts%5B1%5D%5Bweight%5D=-1&images=2&steps=45&style=neon-punk"
        #expect(String(decoding: try #require(outgoing.body), as: UTF8.self) == seedBytes)
        #expect(outgoing.method == "POST")
        #expect(outgoing.url == "https://app.ai-client.com/api/v1/threads/44142638-4934-4bf5-9be7-b4b5a6368f44/entry")
        #expect(outgoing.headers.contains { $0 == ("Accept", "application/json") })
        #expect(outgoing.headers.contains { $0 == ("Authorization", "Bearer T") })
        #expect(outgoing.headers.contains { $0 == ("Content-Type", "application/x-www-form-urlencoded") })
    }

    @Test func fractionalWeightsAndUnicodeAreEncodedLikePython() throws {
        let request = try resolved(GenerationRequest(
            provider: .aiClient, model: "stablediffusion_text2img",
            parts: [PromptPart("café & ☕ 100%", weight: 0.7), PromptPart("blur", weight: -1.5)]))
        let fields = AIClientWire.entryFields(request)
        #expect(fields.map(\.0) == [
            "type", "engine", "resolution", "prompts[0][text]", "prompts[0][weight]", "prompts[1][text]",
            "prompts[1][weight]", "images", "steps",
        ])
        #expect(FormEncoding.encode(Array(fields[3...6])) == "prompts%5B0%5D%5Btext%5D=caf%C3%A9+%26+%E2%98%95+100%25&prompts%5B0%5D%5Bweight%5D=0.7&prompts%5B1%5D%5Btext%5D=blur&prompts%5B1%5D%5Bweight%5D=-1.5")
    }

    @Test func dalle2EntryMatchesTheSeedTutorial() throws {
        let request = try resolved(GenerationRequest(
            provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("Cats and dogs with lightsabers")],
            settings: [.n: .text("2"), .size: .text("512x512")]))
        let body = try #require(AIClientWire.createEntry(baseURL: "https://x/api/v1", token: "T", thread: "g", request: request).body)
        #expect(String(decoding: body, as: UTF8.self) == "type=request&n=2&size=512x512&prompt=Cats+and+dogs+with+lightsabers")
    }

    @Test func createThreadSendsTheVersionCode() throws {
        let outgoing = AIClientWire.createThread(baseURL: "https://app.ai-client.com/api/v1", token: "T", aiVersionCode: "dalle2_text2img")
        #expect(outgoing.url == "https://app.ai-client.com/api/v1/threads")
        #expect(String(decoding: try #require(outgoing.body), as: UTF8.self) == "ai_version_code=dalle2_text2img")
    }

    @Test func hostileThreadGuidCannotChangeThePath() {
        let outgoing = AIClientWire.listEntries(baseURL: "https://h/api/v1", token: "T", thread: "../../admin?x=1")
        #expect(outgoing.url == "https://h/api/v1/threads/..%2F..%2Fadmin%3Fx%3D1/entries")
    }

    @Test func openAIRequestSendsModelPromptAndOnlyChosenSettings() throws {
        let request = try resolved(GenerationRequest(
            provider: .openAI, model: "dall-e-3", parts: [PromptPart("a badger wearing a tuxedo")],
            settings: [.size: .text("1024x1024"), .quality: .text("hd"), .style: .text("vivid"), .n: .text("1"), .responseFormat: .text("b64_json")]))
        let outgoing = OpenAIImagesWire.createImage(baseURL: "https://api.openai.com/v1", apiKey: "sk-test", request: request)
        #expect(outgoing.url == "https://api.openai.com/v1/images/generations")
        #expect(String(decoding: try #require(outgoing.body), as: UTF8.self)
            == #"{"model":"dall-e-3","n":1,"prompt":"a badger wearing a tuxedo","quality":"hd","response_format":"b64_json","size":"1024x1024","style":"vivid"}"#)
        #expect(outgoing.headers.contains { $0 == ("Authorization", "Bearer sk-test") })
        #expect(outgoing.headers.contains { $0 == ("Content-Type", "application/json") })

        let bare = try resolved(GenerationRequest(provider: .openAI, model: "gpt-image-1.5", parts: [PromptPart("say \"hi\"\n")]))
        #expect(String(decoding: OpenAIImagesWire.body(bare), as: UTF8.self) == #"{"model":"gpt-image-1.5","prompt":"say \"hi\""}"#)
    }

    @Test func openAIErrorsBecomeOneCleanLine() {
        let body = Array(#"{"error":{"message":"Your request was rejected\nas a result of our safety system.\u001b[31m","type":"invalid_request_error","param":null,"code":"content_policy_violation"}}"#.utf8)
        #expect(OpenAIImagesWire.errorLine(status: 400, body: body)
            == "Your request was rejected as a result of our safety system.␛[31m (content_policy_violation)")
        #expect(OpenAIImagesWire.errorLine(status: 502, body: Array("<html>bad gateway</html>".utf8)) == "HTTP 502 with an unreadable body")
    }

    @Test func entriesDecodeBothContentShapesAndAllNoErrorSpellings() throws {
        let body = Array("""
            {"data":[
             {"guid":"r1","thread_guid":"t","type":"request","error":"None","content":{"prompt":"x"},"waiting_response":false,"credits":0,"created_at":"2023-06-11T15:52:52.000000Z"},
             {"guid":"a1","thread_guid":"t","type":"response","error":null,"content":[{"url":"https://h/s/1.png","thumbnail_url":"https://h/s/1.png.thumbnail.jpg","dimensions":"512x512","filesize":787387}],"waiting_response":false,"credits":14,"created_at":"2023-06-11T15:52:59.000000Z"},
             {"guid":"a2","type":"response","error":"","content":{"state":"completed","percent":100,"images":[{"url":"https://h/mj.png","dimensions":"1456x816","filesize":1457224}]},"waiting_response":false,"credits":10}
            ]}
            """.utf8)
        let entries = try #require(AIClientWire.decodeEntries(body))
        #expect(entries.map(\.error) == [nil, nil, nil])
        #expect(entries[1].images == [AIClientImage(url: "https://h/s/1.png", thumbnailURL: "https://h/s/1.png.thumbnail.jpg", dimensions: ImageSize(width: 512, height: 512), filesize: 787387)])
        #expect(entries[1].credits == 14)
        #expect(entries[2].images.map(\.url) == ["https://h/mj.png"])
        #expect(entries[2].images.first?.dimensions == ImageSize(width: 1456, height: 816))
        #expect(AIClientWire.decodeEntries(Array(#"{"data":{"guid":1}}"#.utf8)) == nil)
    }
}
