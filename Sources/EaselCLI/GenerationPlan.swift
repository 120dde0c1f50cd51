import EaselCore
import EaselGraphics
import EaselSandbox
import EaselStore
import Foundation
import Logging

/// What `easel generate` will do, worked out from flags, config and environment before anything
/// is sent: provider, model, request, and whether to run on the sandbox.
struct GenerationPlan {
    var request: GenerationRequest
    var useSandbox: Bool
    var implicitSandbox: Bool
    var baseURL: String?
    var deployment: String?
    var apiVersion: String?
    var thread: String?
    var out: String?
    /// Ace Data Cloud's task mode (`--async`).
    var asynchronous = false
    /// The images of `easel edit` / `easel vary`; nil for a generation.
    var edit: EditInputs? = nil

    static func make(command: GenerateCommand, config: EaselConfig, environment: [String: String]) throws -> GenerationPlan {
        var parts: [PromptPart] = []
        parts += ([command.prompt].compactMap { $0 } + command.prompts).map { PromptPart($0) }
        for text in command.weighted {
            guard let part = PromptPart(weightedText: text) else {
                throw CLIFailure(message: "--weighted \"\(text)\": expected W:TEXT with a number W, e.g. 0.7:sunset", code: .invalid)
            }
            parts.append(part)
        }
        parts += command.negative.map { PromptPart($0, weight: -1) }
        let implicitSandbox = !command.sandbox && !config.hasAnyProvider && command.connection.baseURL == nil
        let choice: StartingChoice
        do throws(GenerationError) {
            choice = try config.startingChoice(provider: command.provider?.rawValue, model: command.model)
        } catch {
            throw CLIFailure(message: error.description, code: error.exitCode)
        }
        let provider = choice.provider
        guard let entry = Catalog.bundled.provider(provider) else {
            throw CLIFailure(message: "\(provider) is not a known provider", code: .invalid)
        }
        if entry.profile.route != .azure, command.connection.deployment != nil || command.connection.apiVersion != nil {
            throw CLIFailure(message: "--deployment and --api-version are for azure, not \(provider)", code: .invalid)
        }
        if command.asynchronous, entry.wire != .aceDataImages {
            throw CLIFailure(message: "--async: only acedata runs generations as tasks", code: .invalid)
        }
        var model = choice.model
        if let workflow = command.workflow {
            guard entry.wire == .comfyUI else {
                throw CLIFailure(message: "--workflow: only comfyui runs workflows, not \(provider) (add --provider comfyui)", code: .invalid)
            }
            guard command.model == nil else {
                throw CLIFailure(message: "--workflow names the model; give it or --model, not both", code: .invalid)
            }
            model = try Self.workflowModel(workflow)
        }
        var settings: [SettingName: SettingValue] = [:]
        let flags: [(SettingName, String?)] = [
            (.engine, command.engine), (.size, command.size), (.n, command.n.map(String.init)), (.quality, command.quality),
            (.style, command.style), (.responseFormat, command.responseFormat),
        ]
        settings.merge(command.sampling.settings) { _, given in given }
        for case let (name, value?) in flags { settings[name] = .text(value) }
        if command.stream || command.partialImages != nil { settings[.stream] = .boolean(true) }
        if let partials = command.partialImages { settings[.partialImages] = .text(partials) }
        for pair in command.extraSettings {
            let pieces = pair.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, !pieces[0].isEmpty else {
                throw CLIFailure(message: "--set \"\(pair)\": expected NAME=VALUE", code: .invalid)
            }
            settings[SettingName(String(pieces[0]))] = .text(String(pieces[1]))
        }
        if let baseURL = command.connection.baseURL {
            guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil
            else { throw CLIFailure(message: "--base-url \(baseURL): expected an http:// or https:// URL", code: .invalid) }
        }
        return GenerationPlan(
            request: GenerationRequest(provider: provider, model: model, parts: parts, settings: settings),
            useSandbox: command.sandbox || implicitSandbox, implicitSandbox: implicitSandbox,
            baseURL: command.connection.baseURL, deployment: command.connection.deployment, apiVersion: command.connection.apiVersion, thread: command.thread,
            out: command.connection.out ?? config.outDirectory, asynchronous: command.asynchronous)
    }

    /// The ComfyUI model id for `--workflow`: an existing file by its absolute path (the runner
    /// reads it from there), else a name in the workflows folder.
    static func workflowModel(_ value: String) throws -> String {
        let looksLikeFile = value.contains("/") || value.hasSuffix(".json")
        guard looksLikeFile else { return value }
        let file = UserPath.url(value).standardizedFileURL
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CLIFailure(message: "--workflow \(TerminalText.oneLine(value, limit: 200)): no such file", code: .invalid)
        }
        guard !file.path.contains(where: { $0 == " " || $0.isNewline }) else {
            throw CLIFailure(message: "--workflow \(TerminalText.oneLine(value, limit: 200)): Easel cannot name a workflow file whose path has spaces; copy it into the workflows folder", code: .invalid)
        }
        return file.path
    }

    /// What is known once the plan has been checked against the catalog, the output folder and
    /// the history, before anything is sent.
    struct Prepared {
        var sandbox: SandboxServer?
        var endpoint: ProviderEndpoint
        var resolved: ResolvedRequest
        var directory: URL
        var history: HistoryStore?
        /// Why the history could not be opened: the job then runs unjournalled, and says so.
        var historyProblem: (any Error)?
        var inputs: EditPreparation.Prepared?
    }

    /// Plans, runs and reports: checks everything that can be checked before sending, sends
    /// once, journalled, and prints the result (or throws it as a `CLIFailure`).
    func execute(paths: EaselPaths, config: EaselConfig, json: Bool) async throws {
        let errors = StandardError()
        let prepared = try await prepare(paths: paths, config: config, errors: errors)
        defer { if let sandbox = prepared.sandbox { Task { await sandbox.stop() } } }
        let stack = ClientStack(config: config, paths: paths, extraSecrets: [prepared.endpoint.credential?.secret].compactMap { $0 })
        let (outcome, ids) = try await run(prepared, stack: stack, errors: errors)
        if let sandbox = prepared.sandbox { await sandbox.stop() }
        try report(outcome, ids: ids, resolved: prepared.resolved, json: json, redactor: stack.redactor, errors: errors)
    }

    /// Everything before sending: the endpoint (the sandbox's when it runs), the request
    /// resolved against the catalog, the output folder, the history, an edit's inputs. Every
    /// problem found here ends the command with nothing sent.
    func prepare(paths: EaselPaths, config: EaselConfig, errors: StandardError) async throws -> Prepared {
        if implicitSandbox {
            errors.line("easel: no provider is configured, so this runs on the built-in sandbox (set AICLIENT_TOKEN or OPENAI_API_KEY for a real one)")
        }
        var sandbox: SandboxServer?
        let endpoint: ProviderEndpoint
        if useSandbox {
            let delay = Double(ProcessInfo.processInfo.environment["EASEL_SANDBOX_DELAY"] ?? "") ?? 1.5
            let token = UUID().uuidString
            do {
                sandbox = try await SandboxServer.start(SandboxOptions(delay: delay, token: token))
            } catch {
                throw CLIFailure(message: "cannot start the sandbox: \(error)", code: .failure)
            }
            guard let sandbox, let base = sandbox.baseURL(for: request.provider) else {
                throw CLIFailure(message: "the sandbox does not speak \(request.provider)", code: .invalid)
            }
            endpoint = ProviderEndpoint(
                provider: request.provider, baseURL: base, credential: sandbox.credential(for: request.provider),
                deployment: deployment, apiVersion: apiVersion)
        } else {
            do throws(GenerationError) {
                guard let entry = Catalog.bundled.provider(request.provider) else {
                    throw .configuration("\(request.provider) is not a known provider")
                }
                endpoint = try config.endpoint(for: entry, baseURL: baseURL, deployment: deployment, apiVersion: apiVersion)
            } catch {
                throw CLIFailure(message: error.description, code: error.exitCode)
            }
        }
        // From here a refusal must stop the sandbox just started.
        do {
            return try prepare(endpoint: endpoint, sandbox: sandbox, paths: paths, errors: errors)
        } catch {
            if let sandbox { await sandbox.stop() }
            throw error
        }
    }

    private func prepare(
        endpoint: ProviderEndpoint, sandbox: SandboxServer?, paths: EaselPaths, errors: StandardError
    ) throws -> Prepared {
        let resolved: ResolvedRequest
        switch Catalog.bundled.resolve(request, host: useSandbox ? nil : endpoint.host, operation: edit?.operation ?? .generate) {
        case .failure(let failure):
            for problem in failure.problems { errors.line("easel: \(problem)") }
            throw CLIFailure(message: "nothing was sent (\(Counted.phrase(failure.problems.count, "problem")))", code: .invalid)
        case .success(let found):
            resolved = found
        }
        let directory = out.map { UserPath.url($0) } ?? paths.images
        // Checked before sending: an image that cannot be saved should not be paid for.
        do throws(ImageStoreError) {
            try ImageStore(directory: directory).checkFolder()
        } catch {
            throw CLIFailure(message: "cannot save images: \(error); nothing was sent", code: .invalid)
        }
        for notice in resolved.notices { errors.line("easel: note: \(notice)") }
        // Opened before anything is sent: the journal needs it, and so does the check below.
        var history: HistoryStore?
        var historyProblem: (any Error)?
        do {
            history = try HistoryStore.open(at: paths.historyFile)
        } catch {
            historyProblem = error
        }
        if let problem = Self.choiceProblem(resolved, history: history, baseURL: endpoint.baseURL) {
            throw CLIFailure(message: "\(problem); nothing was sent", code: .invalid)
        }
        // An edit's inputs are checked (and kept) before anything is sent.
        let inputs = try edit.map { edit in
            try EditPreparation.prepare(edit, request: resolved, history: history, paths: paths, errors: errors)
        }
        return Prepared(
            sandbox: sandbox, endpoint: endpoint, resolved: resolved, directory: directory, history: history,
            historyProblem: historyProblem, inputs: inputs)
    }

    /// Sends the request once, journalled before it leaves, showing progress on stderr, and
    /// records how it ended; returns the outcome and the job's server-side ids.
    func run(
        _ prepared: Prepared, stack: ClientStack, errors: StandardError
    ) async throws -> (Result<GenerationResult, GenerationError>, JobIDs) {
        let (resolved, endpoint, history, inputs) = (prepared.resolved, prepared.endpoint, prepared.history, prepared.inputs)
        let aceTasks: AceTaskHub?
        do {
            aceTasks = resolved.provider.wire == .aceDataImages
                ? try await stack.aceTasks(asynchronous: asynchronous || resolved[.async]?.booleanValue == true) : nil
        } catch {
            await stack.shutdown()
            throw error
        }
        let runner = stack.runner(savingInto: prepared.directory, aceTasks: aceTasks)
        let progress = ProgressLine(errors: errors, label: "\(resolved.provider.id)/\(resolved.model.id)")
        // Journalled before anything is sent; a history that cannot take it is said, not hidden.
        var recorder: JobRecorder?
        do {
            if let historyProblem = prepared.historyProblem { throw historyProblem }
            if let history { recorder = try JobRecorder(store: history, request: request, baseURL: endpoint.baseURL) }
        } catch {
            errors.line("easel: warning: \(error); this job is not journalled")
        }
        let journalled = recorder
        let stem = recorder?.stem ?? ImageStore.newStem()
        let ids = JobIDsBox(JobIDs(thread: thread))
        let box = OutcomeBox()
        let thread = thread
        let job = Task {
            do throws(GenerationError) {
                let report: @Sendable (JobUpdate) -> Void = { update in
                    journalled?.record(update)
                    ids.note(update)
                    progress.show(update)
                }
                if let inputs {
                    try journalled?.journalEdit(resolved.operation, inputs: inputs.images, mask: inputs.mask, parent: inputs.parent)
                    box.outcome = .success(try await runner.runEdit(
                        resolved, images: inputs.images, mask: inputs.mask, parent: inputs.parent, endpoint: endpoint, stem: stem,
                        progress: report))
                } else {
                    box.outcome = .success(try await runner.run(resolved, endpoint: endpoint, thread: thread, stem: stem, progress: report))
                }
            } catch {
                box.outcome = .failure(error)
            }
        }
        let ctrlC = resolved.provider.wire == .a1111 ? CtrlCCancel(cancelling: job) : nil
        await job.value
        ctrlC?.stop()
        let outcome = box.outcome ?? .failure(.cancelled)
        let title = TerminalText.oneLine(request.positiveParts.first?.text ?? request.model, limit: 80)
        if let problem = recorder?.finish(outcome, localThread: { try? history?.localThread(provider: request.provider, title: title, model: request.model) }) {
            errors.line("easel: warning: could not record this job in the history: \(problem)")
        } else if recorder?.keptForResume == true {
            errors.line("easel: the server made the images and the journal knows where; once the problem is fixed, `easel resume` saves them without sending again")
        }
        progress.finish()
        await stack.shutdown(aceTasks)
        return (outcome, ids.value)
    }

    /// Prints the images' paths (links where the terminal opens them) or the JSON object, and
    /// the revised prompt and notices on stderr; a failure becomes the `CLIFailure` it ends with.
    func report(
        _ outcome: Result<GenerationResult, GenerationError>, ids: JobIDs, resolved: ResolvedRequest, json: Bool,
        redactor: SecretRedactor, errors: StandardError
    ) throws {
        switch outcome {
        case .failure(let error):
            throw CLIFailure(message: redactor.redact(error.description), code: error.exitCode, job: ids)
        case .success(let result):
            if json {
                print(Self.json(result))
            } else {
                // A path is a link where the terminal is known to open OSC 8 hyperlinks; in
                // pipes and scripts it stays the bare path.
                let links = isatty(STDOUT_FILENO) == 1 && Hyperlink.supported(environment: ProcessInfo.processInfo.environment)
                for image in result.images {
                    print(links ? Hyperlink.link(image.path, to: image.path) : image.path)
                }
                if let revised = result.revisedPrompt { errors.line("easel: revised prompt: \(revised)") }
                for notice in result.notices where !resolved.notices.contains(notice) {
                    errors.line("easel: note: \(TerminalText.oneLine(notice, limit: 500))")
                }
            }
        }
    }

    static func json(_ result: GenerationResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A weight of -inf ("never this") has no JSON number; it is spelled out rather than
        // making the whole object unprintable.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return JSONText.escapingInvisibles((try? encoder.encode(result)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}")
    }
}

/// The job's outcome, written by its task and read after it ended.
private final class OutcomeBox: @unchecked Sendable {
    var outcome: Result<GenerationResult, GenerationError>?
}
