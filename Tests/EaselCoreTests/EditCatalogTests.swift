import EaselCore
import EaselImage
import Foundation
import Testing

/// Which models edit and vary, what they take, and what the inspector refuses before sending.
struct EditCatalogTests {
    func request(_ model: String, _ settings: [SettingName: SettingValue] = [:], prompt: String? = "a red door") -> GenerationRequest {
        let provider = ProviderID.openAI
        return GenerationRequest(provider: provider, model: model, parts: prompt.map { [PromptPart($0)] } ?? [], settings: settings)
    }

    @Test func gptImageModelsEditWithUpToSixteenImagesAndDallE2Alone() throws {
        let gpt = try #require(Catalog.bundled.model("gpt-image-1.5", of: .openAI)?.edit)
        #expect(gpt.inputs.field == "image[]")
        #expect(gpt.inputs.maxImages == 16)
        #expect(gpt.inputs.formats == [.png, .webp, .jpeg])
        #expect(gpt.inputs.maxBytes == 50 << 20)
        #expect(gpt.inputs.mask?.alpha == true)
        let dalle = try #require(Catalog.bundled.model("dall-e-2", of: .openAI))
        #expect(dalle.edit?.inputs.field == "image")
        #expect(dalle.edit?.inputs.square == true)
        #expect(dalle.edit?.inputs.maxBytes == 4 << 20)
        #expect(dalle.variation?.inputs.mask == nil)
        #expect(Catalog.bundled.model("dall-e-3", of: .openAI)?.edit == nil)
        #expect(Catalog.bundled.model("gpt-image-1.5", of: .openAI)?.variation == nil)
        #expect(Catalog.bundled.model("dall-e-3", of: .azure)?.edit == nil)
        #expect(Catalog.bundled.model("gpt-image-1", of: .azure)?.edit != nil)
    }

    @Test func aModelThatCannotEditIsRefusedNamingThoseThatCan() {
        guard case .failure(let failure) = Catalog.bundled.resolve(request("dall-e-3"), operation: .edit) else {
            Issue.record("dall-e-3 was allowed to edit")
            return
        }
        #expect(failure.problems.count == 1)
        #expect(failure.description.contains("dall-e-3 cannot edit images"))
        #expect(failure.description.contains("gpt-image-1.5"))
        #expect(failure.description.contains("dall-e-2"))
    }

    @Test func variationsAreDallE2OnlyAndTakeNoPrompt() {
        guard case .failure(let refused) = Catalog.bundled.resolve(request("gpt-image-1.5", prompt: nil), operation: .variation) else {
            Issue.record("gpt-image-1.5 was allowed to vary")
            return
        }
        #expect(refused.description.contains("models that can: dall-e-2"))
        guard case .failure(let prompted) = Catalog.bundled.resolve(request("dall-e-2"), operation: .variation) else {
            Issue.record("a variation took a prompt")
            return
        }
        #expect(prompted.description.contains("variations take no prompt"))
        let fine = Catalog.bundled.resolve(request("dall-e-2", [.size: .text("512x512")], prompt: nil), operation: .variation)
        #expect((try? fine.get())?.operation == .variation)
    }

    @Test func editSettingsAreTheEditSchemas() throws {
        let fidelity = SettingName("input_fidelity")
        #expect(throws: Never.self) { try Catalog.bundled.resolve(request("gpt-image-1.5", [fidelity: .text("high")]), operation: .edit).get() }
        guard case .failure(let mini) = Catalog.bundled.resolve(request("gpt-image-1-mini", [fidelity: .text("high")]), operation: .edit) else {
            Issue.record("gpt-image-1-mini took input_fidelity")
            return
        }
        #expect(mini.description.contains("input_fidelity: not supported by gpt-image-1-mini"))
        // The multipart edit schema has no moderation field (only the JSON body has).
        #expect(throws: ValidationFailure.self) {
            try Catalog.bundled.resolve(request("gpt-image-1.5", [.moderation: .text("low")]), operation: .edit).get()
        }
        // Generation's own settings still apply to generations.
        #expect(throws: ValidationFailure.self) {
            try Catalog.bundled.resolve(request("gpt-image-1.5", [fidelity: .text("high")])).get()
        }
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(long) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
