import Foundation
import Testing

@testable import EaselCore

/// Which entry of a thread is the request a killed Easel posted: the prompt as sent, made after
/// the job began, and not another job's.
struct PostedEntryLookupTests {
    static func entries(_ json: String) -> [AIClientEntry] {
        AIClientWire.decodeEntries(Array(json.utf8)) ?? []
    }

    @Test func theRequestSentAfterTheJobBeganAndNotAnotherJobs() throws {
        let request = try resolved(GenerationRequest(provider: .aiClient, model: "dalle2_text2img", parts: [PromptPart("a quiet harbour")]))
        let entries = Self.entries(#"""
            {"data":[
              {"guid":"old","type":"request","error":null,"content":{"prompt":"a quiet harbour"},"waiting_response":false,"created_at":"2026-12-04T10:00:00Z"},
              {"guid":"other","type":"request","error":null,"content":{"prompt":"a loud market"},"waiting_response":false,"created_at":"2026-12-04T12:00:05Z"},
              {"guid":"taken","type":"request","error":null,"content":{"prompt":"a quiet harbour"},"waiting_response":false,"created_at":"2026-12-04T12:00:06Z"},
              {"guid":"reply","type":"response","error":null,"content":[],"waiting_response":false,"created_at":"2026-12-04T12:00:07Z"},
              {"guid":"ours","type":"request","error":null,"content":{"prompt":"a quiet harbour"},"waiting_response":true,"created_at":"2026-12-04T12:00:08Z"}
            ]}
            """#)
        #expect(entries.count == 5)
        let began = try #require(AIClientWire.date("2026-12-04T12:00:00Z"))
        #expect(GenerationRunner.postedEntry(among: entries, for: request, since: began, excluding: ["taken"]) == "ours")
        #expect(GenerationRunner.postedEntry(among: entries, for: request, since: began, excluding: ["taken", "ours"]) == nil)
    }
}
