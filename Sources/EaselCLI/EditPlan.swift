import EaselCore
import EaselStore
import Foundation

/// Builds the plan of `easel edit` / `easel vary` from their arguments: the same provider,
/// model and sandbox rules as `easel generate`, plus the inputs.
enum EditPlan {
    /// Splits the positional arguments into images and the prompt: the last one is the prompt
    /// unless it is an `@ID`, names an existing file or has an image file's extension.
    static func split(_ arguments: [String]) -> (images: [String], prompt: String?) {
        guard let last = arguments.last, arguments.count > 1 || !looksLikeImage(last) else { return (arguments, nil) }
        if looksLikeImage(last) { return (arguments, nil) }
        return (Array(arguments.dropLast()), last)
    }

    static func looksLikeImage(_ argument: String) -> Bool {
        if argument.hasPrefix("@") { return true }
        if FileManager.default.fileExists(atPath: UserPath.url(argument).path) { return true }
        let lower = argument.lowercased()
        return !argument.contains(" ") && [".png", ".jpg", ".jpeg", ".webp"].contains { lower.hasSuffix($0) }
    }

    /// A variation through a model that takes a prompt (a local backend's image-to-image) and
    /// was given none: an `@ID` image lends the prompt its entry was made from, said on stderr.
    static func inheritPrompt(_ plan: inout GenerationPlan, from image: String, paths: EaselPaths) {
        guard plan.request.positiveParts.isEmpty, image.hasPrefix("@"), let id = Int64(image.dropFirst()),
            Catalog.bundled.provider(plan.request.provider)?.model(plan.request.model)?.variation?.prompt != nil,
            let history = try? HistoryStore.open(at: paths.historyFile),
            let entry = (try? history.image(id: id)).flatMap({ $0?.entry }),
            let source = try? history.request(madeEntry: entry), !source.positiveParts.isEmpty
        else { return }
        // Negatives given here replace the source's; none given keeps its own.
        let negatives = plan.request.negativeParts
        plan.request.parts = source.positiveParts + (negatives.isEmpty ? source.negativeParts : negatives)
        let words = TerminalText.oneLine(source.positiveParts.map(\.text).joined(separator: ", "), limit: 120)
        StandardError().line("easel: note: using \(TerminalText.oneLine(image, limit: 40))'s prompt: \(words)")
    }

    static func make(
        operation: ImageOperation, images: [String], mask: String?, parts: [PromptPart], settings given: [SettingName: SettingValue],
        options: ImageJobOptions, config: EaselConfig
    ) throws -> GenerationPlan {
        let implicitSandbox = !options.sandbox && !config.hasAnyProvider && options.connection.baseURL == nil
        var choice: StartingChoice
        do throws(GenerationError) {
            choice = try config.startingChoice(provider: options.provider?.rawValue, model: options.model)
        } catch {
            throw CLIFailure(message: error.description, code: error.exitCode)
        }
        guard var entry = Catalog.bundled.provider(choice.provider) else {
            throw CLIFailure(message: "\(choice.provider) is not a known provider", code: .invalid)
        }
        if !entry.models.contains(where: { $0.offers(operation) }) {
            let able = Catalog.bundled.providers.filter { $0.models.contains { $0.offers(operation) } }.map(\.id.rawValue)
            // With no provider configured the sandbox plays OpenAI, which can.
            guard options.provider == nil, implicitSandbox || options.sandbox, let openAI = Catalog.bundled.provider(.openAI) else {
                throw CLIFailure(
                    message: "\(choice.provider) cannot \(operation.phrase); use --provider \(able.joined(separator: ", "))", code: .invalid)
            }
            entry = openAI
            choice = StartingChoice(provider: .openAI, model: options.model ?? openAI.defaultModel)
        }
        if entry.profile.route != .azure, options.connection.deployment != nil || options.connection.apiVersion != nil {
            throw CLIFailure(message: "--deployment and --api-version are for azure, not \(choice.provider)", code: .invalid)
        }
        var model = choice.model
        // Without --model, a default that cannot do this gives way to the first model that can.
        if options.model == nil, entry.model(model)?.offers(operation) != true,
            let able = entry.models.first(where: { $0.offers(operation) })
        {
            StandardError().line("easel: note: \(model) cannot \(operation.phrase); using \(able.id)")
            model = able.id
        }
        var settings = given.merging(options.sampling.settings) { given, _ in given }
        let flags: [(SettingName, String?)] = [
            (.size, options.size), (.n, options.n.map(String.init)), (.responseFormat, options.responseFormat), (.denoise, options.strength),
        ]
        for case let (name, value?) in flags { settings[name] = .text(value) }
        for pair in options.extraSettings {
            let pieces = pair.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, !pieces[0].isEmpty else {
                throw CLIFailure(message: "--set \"\(pair)\": expected NAME=VALUE", code: .invalid)
            }
            settings[SettingName(String(pieces[0]))] = .text(String(pieces[1]))
        }
        if let baseURL = options.connection.baseURL {
            guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil
            else { throw CLIFailure(message: "--base-url \(baseURL): expected an http:// or https:// URL", code: .invalid) }
        }
        guard !images.isEmpty else {
            throw CLIFailure(message: "give the image to \(operation == .edit ? "edit" : "vary") (a file or @ID)", code: .invalid)
        }
        var plan = GenerationPlan(
            request: GenerationRequest(provider: choice.provider, model: model, parts: parts, settings: settings),
            useSandbox: options.sandbox || implicitSandbox, implicitSandbox: implicitSandbox,
            baseURL: options.connection.baseURL, deployment: options.connection.deployment, apiVersion: options.connection.apiVersion, thread: nil,
            out: options.connection.out ?? config.outDirectory)
        plan.edit = EditInputs(operation: operation, images: images, mask: mask, fit: options.fit)
        return plan
    }
}
