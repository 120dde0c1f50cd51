import EaselCore
import Foundation
import Testing

/// The provider and model `easel generate` and the studio start on: one rule for both.
struct StartingChoiceTests {
    func config(_ environment: [String: String], file: (provider: String?, model: String?) = (nil, nil)) throws -> EaselConfig {
        var config = try EaselConfig.load(paths: EaselPaths.resolve(environment: ["EASEL_HOME": "/nonexistent-\(UUID())"]), environment: environment)
        config.provider = file.provider.map { ProviderID(rawValue: $0) }
        config.model = file.model
        return config
    }

    @Test func withOnlyAnOpenAIKeyItIsOpenAI() throws {
        let choice = try config(["OPENAI_API_KEY": "sk-x"]).startingChoice(provider: nil, model: nil)
        #expect(choice == StartingChoice(provider: .openAI, model: try #require(Catalog.bundled.provider(.openAI)).defaultModel))
    }

    @Test func withNothingConfiguredItIsTheCatalogsFirst() throws {
        let choice = try config([:]).startingChoice(provider: nil, model: nil)
        #expect(choice.provider == Catalog.bundled.providers[0].id && choice.model == Catalog.bundled.providers[0].defaultModel)
    }

    @Test func flagsBeatTheFileAndTheFileBeatsTheRule() throws {
        let both = try config(["OPENAI_API_KEY": "sk-x", "AICLIENT_TOKEN": "t"], file: ("openai", "dall-e-3"))
        #expect(try both.startingChoice(provider: nil, model: nil) == StartingChoice(provider: .openAI, model: "dall-e-3"))
        #expect(try both.startingChoice(provider: "ai-client", model: "dalle2_text2img") == StartingChoice(provider: .aiClient, model: "dalle2_text2img"))
        // The file's model belongs to the file's provider, so another provider gets its own default.
        #expect(try both.startingChoice(provider: "ai-client", model: nil).model == Catalog.bundled.provider(.aiClient)?.defaultModel)
    }

    @Test func anUnknownProviderIsRefusedNamingTheFlagAndTheChoices() throws {
        #expect(throws: GenerationError.configuration(
            "--provider bogus: not known; allowed: " + Catalog.bundled.providers.map(\.id.rawValue).joined(separator: ", "))) {
            try config([:]).startingChoice(provider: "bogus", model: nil)
        }
    }

    @Test func anUnknownModelIsRefusedWithAnArticleThatFits() throws {
        let config = try config([:])
        do throws(GenerationError) {
            _ = try config.startingChoice(provider: nil, model: "nosuchmodel")
            Issue.record("an unknown model was accepted")
        } catch {
            #expect(error.exitCode.rawValue == 2)
            #expect(error.description.hasPrefix("--model nosuchmodel: not an ai-client model; allowed: dalle2_text2img"), "\(error)")
        }
    }

    @Test func aWrongModelInTheFileNamesTheFile() throws {
        let config = try config([:], file: (nil, "nosuchmodel"))
        do throws(GenerationError) {
            _ = try config.startingChoice(provider: nil, model: nil)
            Issue.record("an unknown model was accepted")
        } catch {
            #expect(error.description.hasPrefix("model \"nosuchmodel\" in the config file: not an ai-client model"), "\(error)")
        }
    }

    @Test func anOpenModelsProviderTakesAnyModelName() throws {
        let choice = try config([:]).startingChoice(provider: "compatible", model: "my-local-model")
        #expect(choice == StartingChoice(provider: .compatible, model: "my-local-model"))
    }
}
