import EaselCore
import EaselImage
import EaselSandbox
import Foundation
import Testing

/// The sandbox's streamed OpenAI generation: the reference schema's event shapes, in order, and
/// the refusals around `stream` and `partial_images`.
@Suite(.timeLimit(.minutes(1)))
struct SandboxStreamTests {
    let transport = AsyncHTTPTransport.sharedForTests

    func post(_ sandbox: SandboxServer, _ body: String) async throws -> IncomingResponse {
        try await transport.send(
            OutgoingRequest(
                method: "POST", url: sandbox.openAIBaseURL + "/images/generations",
                headers: [("Content-Type", "application/json"), ("Authorization", "Bearer t")], body: Array(body.utf8)),
            maxBodyBytes: 64 << 20)
    }

    @Test func partialImagesThenTheCompletedImageAsServerSentEvents() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0, streamInterval: 0))
        let reply = try await post(sandbox, #"{"model":"gpt-image-2","prompt":"a windmill","size":"512x256","stream":true,"partial_images":3,"quality":"high"}"#)
        #expect(reply.status == 200)
        #expect(reply.header("content-type")?.hasPrefix("text/event-stream") == true)
        var parser = SSEParser(maxEventBytes: 16 << 20)
        let events = try parser.feed(reply.body)
        #expect(parser.finish() == .clean)
        #expect(events.map(\.type) == [
            "image_generation.partial_image", "image_generation.partial_image", "image_generation.partial_image",
            "image_generation.completed",
        ])
        var previews: [RGBAImage] = []
        for (index, event) in events.enumerated() {
            let json = try #require(JSONValue.parse(event.data))
            #expect(json["type"] == .string(event.type))
            #expect(json["size"] == .string("512x256") && json["quality"] == .string("high"))
            #expect(json["background"] == .string("opaque") && json["output_format"] == .string("png"))
            #expect(json["created_at"]?.intValue.map { abs($0 - Int(Date().timeIntervalSince1970)) < 120 } == true)
            let base64 = try #require(json["b64_json"]?.stringValue)
            let bytes = Array(try #require(Data(base64Encoded: base64)))
            #expect(ImageHeader(bytes) == ImageHeader(format: .png, width: 512, height: 256))
            previews.append(try ImageDecoder.decode(bytes).image)
            if index < 3 {
                #expect(json["partial_image_index"] == .int(index))
                #expect(json["usage"] == nil)
            } else {
                #expect(json["partial_image_index"] == nil)
                #expect(json["usage"]?["output_tokens"] == .int(272))
                #expect(json["usage"]?["input_tokens_details"]?["text_tokens"] != nil)
            }
        }
        // Each preview is closer to the final painting than the one before.
        let distances = previews.dropLast().map { distance($0, previews.last!) }
        #expect(distances == distances.sorted(by: >) && distances.allSatisfy { $0 > 0 })
        #expect(await sandbox.state.streamedEvents().count == 4)
        await sandbox.stop()
    }

    @Test func streamingRefusals() async throws {
        let sandbox = try await SandboxServer.start(SandboxOptions(delay: 0))
        let cases: [(String, String, String)] = [
            (#"{"model":"dall-e-3","prompt":"x","stream":true}"#, "stream", "unsupported_value"),
            (#"{"model":"gpt-image-1.5","prompt":"x","stream":true,"partial_images":4}"#, "partial_images", "invalid_value"),
            (#"{"model":"gpt-image-1.5","prompt":"x","stream":"yes"}"#, "stream", "invalid_type"),
            (#"{"model":"gpt-image-1.5","prompt":"x","stream":true,"partial_images":"2"}"#, "partial_images", "invalid_type"),
        ]
        for (body, param, code) in cases {
            let reply = try await post(sandbox, body)
            let error = JSONValue.parse(reply.body)?["error"]
            #expect(reply.status == 400, "\(body)")
            #expect(error?["param"] == .string(param) && error?["code"] == .string(code), "\(body)")
        }
        #expect(await sandbox.state.streamedEvents().isEmpty)
        await sandbox.stop()
    }

    /// Mean absolute difference per channel.
    func distance(_ a: RGBAImage, _ b: RGBAImage) -> Double {
        zip(a.pixels, b.pixels).reduce(0.0) { $0 + Double(abs(Int($1.0) - Int($1.1))) } / Double(a.pixels.count)
    }
}
