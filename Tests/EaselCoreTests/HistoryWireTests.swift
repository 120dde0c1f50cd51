import EaselCore
import EaselImage
import Foundation
import Testing

/// What the history needs from ai-client replies: each entry's bytes verbatim, the request an
/// entry describes, the model of an imported thread, and Laravel's timestamps.
struct HistoryWireTests {
    @Test("each element of data is sliced verbatim, whatever strings and nesting hold")
    func slicesEntriesVerbatim() throws {
        let body = #"{"meta":{"data":[9]}, "data" : [ {"guid":"a","content":{"prompt":"x, ] } \" ["}} ,{"guid":"b","list":[1,[2]]} ], "x":1}"#
        let slices = try #require(JSONArraySlicer.elements(ofMember: "data", in: Array(body.utf8)))
        #expect(slices.map { String(decoding: $0, as: UTF8.self) } == [
            #"{"guid":"a","content":{"prompt":"x, ] } \" ["}}"#, #"{"guid":"b","list":[1,[2]]}"#,
        ])
        #expect(JSONArraySlicer.elements(ofMember: "data", in: Array(#"{"data":[]}"#.utf8))?.isEmpty == true)
        #expect(JSONArraySlicer.elements(ofMember: "data", in: Array(#"{"message":"no"}"#.utf8)) == nil)
        #expect(JSONArraySlicer.elements(ofMember: "data", in: Array(#"{"data":[{"a":1}"#.utf8)) == nil)
    }

    @Test("a Stable Diffusion request entry reads back as weighted parts and catalog settings")
    func stableDiffusionContent() throws {
        let content = try #require(JSONValue.parse(Array(#"{"prompts":[{"text":"Delorean hacking time","weight":1},{"text":"Clock","weight":-1}],"engine":"stable-diffusion-xl-1024-v0-9","style":"neon-punk","images":2,"steps":45,"resolution":"1024x1024"}"#.utf8)))
        let request = AIClientWire.request(fromContent: content, model: "stablediffusion_text2img")
        #expect(request.parts == [PromptPart("Delorean hacking time"), PromptPart("Clock", weight: -1)])
        #expect(request.settings[.engine] == .text("stable-diffusion-xl-1024-v0-9"))
        #expect(request.settings[.size] == .text("1024x1024"))
        #expect(request.settings[.n] == .integer(2))
        #expect(request.settings[.steps] == .integer(45))
        #expect(request.settings[.style] == .text("neon-punk"))
        // It is a request Easel could send again as it is.
        #expect((try? Catalog.bundled.resolve(request).get()) != nil)
    }

    @Test("a DALL·E 2 request entry reads back as one prompt")
    func dalle2Content() throws {
        let content = try #require(JSONValue.parse(Array(#"{"n":2,"size":"512x512","prompt":"Cats and dogs"}"#.utf8)))
        let request = AIClientWire.request(fromContent: content, model: "dalle2_text2img")
        #expect(request.parts == [PromptPart("Cats and dogs")])
        #expect(request.settings == [.n: .integer(2), .size: .text("512x512")])
    }

    @Test("Laravel timestamps with microseconds, and without fractions, parse; nonsense does not")
    func timestamps() {
        #expect(AIClientWire.date("2023-07-13T19:56:25.000000Z") == Date(timeIntervalSince1970: 1_689_278_185))
        #expect(abs((AIClientWire.date("2023-07-13T19:56:25.123456Z")?.timeIntervalSince1970 ?? 0) - 1_689_278_185.123456) < 1e-6)
        #expect(AIClientWire.date("2023-07-13T19:56:25Z") == Date(timeIntervalSince1970: 1_689_278_185))
        #expect(AIClientWire.date("2024-02-29T23:59:59+02:00") == Date(timeIntervalSince1970: 1_709_243_999))  // 21:59:59Z
        #expect(AIClientWire.date("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
        #expect(AIClientWire.date("2023-13-01T00:00:00Z") == nil)
        #expect(AIClientWire.date("2023-07-13T19:56:25") == nil)
        #expect(AIClientWire.date("2023-07-13T19:56:25Zjunk") == nil)
        #expect(AIClientWire.date("yesterday") == nil)
        #expect(AIClientWire.date(nil) == nil)
    }
}
