import EaselCore
import EaselImage
import Foundation
import Testing

/// The multipart bytes of edits and variations, exactly, and where each provider sends them.
struct EditWireTests {
    func input(_ path: String, bytes: Int, role: InputImage.Role = .image, format: ImageFormat = .png) -> InputImage {
        InputImage(role: role, path: path, sha256: "x", format: format, width: 2, height: 2, bytes: bytes, hasAlpha: role == .mask)
    }

    @Test func aGPTImageEditIsFieldsThenImageArrayPartsThenTheMask() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let first = try files.write("cat one.png", Array("PNG-A".utf8))
        let second = try files.write("b.jpg", Array("JPG-B".utf8))
        let mask = try files.write("m.png", Array("MASK".utf8))
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .openAI, model: "gpt-image-1.5", parts: [PromptPart("a hat")], settings: [
                .n: .text("2"), .quality: .text("high"), SettingName("input_fidelity"): .text("high"),
            ]), operation: .edit).get()
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: "https://api.openai.com/v1", credential: Credential(secret: "sk-test", source: "t"))
        let outgoing = OpenAIImagesWire.editRequest(
            endpoint: endpoint, request: request,
            images: [input(first, bytes: 5), input(second, bytes: 5, format: .jpeg)], mask: input(mask, bytes: 4, role: .mask), boundary: "B0UND")
        #expect(outgoing.url == "https://api.openai.com/v1/images/edits")
        #expect(outgoing.headers.contains { $0 == ("Content-Type", "multipart/form-data; boundary=B0UND") })
        #expect(outgoing.headers.contains { $0 == ("Authorization", "Bearer sk-test") })
        #expect(outgoing.body == nil)
        let body = try #require(outgoing.streamedBody)
        let expected = [
            "--B0UND", "Content-Disposition: form-data; name=\"model\"", "", "gpt-image-1.5",
            "--B0UND", "Content-Disposition: form-data; name=\"prompt\"", "", "a hat",
            "--B0UND", "Content-Disposition: form-data; name=\"n\"", "", "2",
            "--B0UND", "Content-Disposition: form-data; name=\"quality\"", "", "high",
            "--B0UND", "Content-Disposition: form-data; name=\"input_fidelity\"", "", "high",
            "--B0UND", "Content-Disposition: form-data; name=\"image[]\"; filename=\"cat_one.png\"", "Content-Type: image/png", "", "PNG-A",
            "--B0UND", "Content-Disposition: form-data; name=\"image[]\"; filename=\"b.jpg\"", "Content-Type: image/jpeg", "", "JPG-B",
            "--B0UND", "Content-Disposition: form-data; name=\"mask\"; filename=\"m.png\"", "Content-Type: image/png", "", "MASK",
            "--B0UND--", "",
        ].joined(separator: "\r\n")
        #expect(String(decoding: try body.collected(), as: UTF8.self) == expected)
        #expect(body.length == expected.utf8.count)
    }

    @Test func aDallE2VariationIsOneImagePartWithoutAPrompt() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let image = try files.write("tile.png", Array("TILE".utf8))
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .openAI, model: "dall-e-2", parts: [], settings: [.size: .text("256x256"), .responseFormat: .text("b64_json")]),
            operation: .variation).get()
        let endpoint = ProviderEndpoint(provider: .openAI, baseURL: "http://127.0.0.1:9/v1", credential: nil)
        let outgoing = OpenAIImagesWire.editRequest(endpoint: endpoint, request: request, images: [input(image, bytes: 4)], mask: nil, boundary: "x")
        #expect(outgoing.url == "http://127.0.0.1:9/v1/images/variations")
        let text = String(decoding: try outgoing.streamedBody!.collected(), as: UTF8.self)
        #expect(text == [
            "--x", "Content-Disposition: form-data; name=\"model\"", "", "dall-e-2",
            "--x", "Content-Disposition: form-data; name=\"size\"", "", "256x256",
            "--x", "Content-Disposition: form-data; name=\"response_format\"", "", "b64_json",
            "--x", "Content-Disposition: form-data; name=\"image\"; filename=\"tile.png\"", "Content-Type: image/png", "", "TILE",
            "--x--", "",
        ].joined(separator: "\r\n"))
    }

    @Test func azureEditsGoToTheDeploymentOrV1WithTheKeyHeader() throws {
        let request = try Catalog.bundled.resolve(
            GenerationRequest(provider: .azure, model: "gpt-image-1", parts: [PromptPart("a hat")]), operation: .edit).get()
        let credential = Credential(secret: "azkey", source: "t")
        let dated = ProviderEndpoint(
            provider: .azure, baseURL: "https://res.openai.azure.com/", credential: credential, deployment: "img", apiVersion: "2025-04-01-preview")
        let outgoing = OpenAIImagesWire.editRequest(endpoint: dated, request: request, images: [], mask: nil, boundary: "b")
        #expect(outgoing.url == "https://res.openai.azure.com/openai/deployments/img/images/edits?api-version=2025-04-01-preview")
        #expect(outgoing.headers.contains { $0 == ("api-key", "azkey") })
        #expect(String(decoding: try outgoing.streamedBody!.collected(), as: UTF8.self).contains("name=\"model\"\r\n\r\nimg\r\n"))
        let v1 = ProviderEndpoint(provider: .azure, baseURL: "https://res.openai.azure.com/openai/v1", credential: credential)
        #expect(OpenAIImagesWire.editRequest(endpoint: v1, request: request, images: [], mask: nil).url == "https://res.openai.azure.com/openai/v1/images/edits")
    }

    @Test func quotesAndLineBreaksCannotEndAPartHeader() {
        #expect(MultipartBuilder.quoted("a\"b\r\nc") == "a%22b%0D%0Ac")
        let image = InputImage(role: .image, path: "/tmp/we\"ird\nname.png", sha256: "x", format: .png, width: 1, height: 1, bytes: 1, hasAlpha: false)
        #expect(image.uploadName == "we_ird_name.png")
    }

    @Test func aFileThatChangesLengthWhileSentIsAnError() throws {
        let files = try EditFixtures()
        defer { files.remove() }
        let path = try files.write("a.png", [1, 2, 3])
        #expect(throws: StreamedBodyError.self) { try StreamedBody(pieces: [.file(path: path, length: 5)]).collected() }
        #expect(throws: StreamedBodyError.self) { try StreamedBody(pieces: [.file(path: path, length: 2)]).collected() }
        #expect(try StreamedBody(pieces: [.bytes([9]), .file(path: path, length: 3)]).collected() == [9, 1, 2, 3])
    }
}
