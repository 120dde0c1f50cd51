import EaselCore
import Testing

/// Counts and articles in messages: "1 thread", "2 threads", "an ai-client model".
struct CountedTextTests {
    @Test(arguments: [
        (0, "thread", "0 threads"), (1, "thread", "1 thread"), (2, "thread", "2 threads"),
        (1, "request", "1 request"), (12, "request", "12 requests"), (1, "entry", "1 entry"), (3, "entry", "3 entries"),
        (1, "response", "1 response"), (-1, "image", "-1 images"),
    ])
    func counts(count: Int, noun: String, text: String) {
        #expect(Counted.phrase(count, noun) == text)
    }

    @Test func anIrregularPluralCanBeGiven() {
        #expect(Counted.phrase(2, "child", plural: "children") == "2 children")
        #expect(Counted.phrase(1, "child", plural: "children") == "1 child")
    }

    @Test(arguments: [
        ("ai-client", "an ai-client"), ("openai", "an openai"), ("acedata", "an acedata"), ("azure", "an azure"),
        ("aimlapi", "an aimlapi"), ("compatible", "a compatible"), ("model", "a model"), ("user", "a user"),
        ("unit", "a unit"), ("umbrella", "an umbrella"), ("", "a "),
    ])
    func articles(word: String, text: String) {
        #expect(Counted.withArticle(word) == text)
    }

    @Test func anUnknownModelIsNotAnAIClientModel() {
        let request = GenerationRequest(provider: .aiClient, model: "nosuchmodel", parts: [PromptPart("x")])
        guard case .failure(let failure) = Catalog.bundled.resolve(request) else {
            Issue.record("an unknown model was accepted")
            return
        }
        #expect(failure.problems.first?.message.hasPrefix("\"nosuchmodel\" is not an ai-client model; allowed: ") == true)
    }
}
