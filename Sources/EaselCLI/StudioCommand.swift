import ArgumentParser
import EaselCore
import EaselGraphics
import EaselSandbox
import EaselStudio
import EaselTerminal
import EaselUI
import Foundation
import Logging

/// `easel` with no subcommand: the full-screen studio. Wires configuration, theme, sandbox,
/// job runner and terminal together, then hands the terminal to the studio loop on its own
/// thread (ncurses has one owner).
struct StudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "Open the full-screen studio (what `easel` does with no subcommand).",
        discussion: """
            With no provider configured, the studio runs on the built-in sandbox and says so in \
            its title bar. Press F1 (or ?) inside for every key. Themes: default-dark, light, \
            high-contrast, dusk, or your own in $XDG_CONFIG_HOME/easel/themes/NAME.toml.
            """)

    @Option(help: "Theme name (a file NAME.toml in the user or shipped themes folder).")
    var theme: String?

    @Flag(help: "Use the built-in sandbox even when a provider is configured.")
    var sandbox = false

    @Option(help: "Provider to compose for first (default: the config file's, else the first one configured).")
    var provider: ProviderID?

    @Option(help: "Model to compose for first.")
    var model: String?

    @Option(help: ArgumentHelp(stringLiteral: GraphicsFlag.help), completion: GraphicsFlag.completion)
    var graphics: String?

    func run() async throws {
        try await Self.open(Options(theme: theme, sandbox: sandbox, provider: provider, model: model, graphics: graphics))
    }

    /// What the studio's flags ask for, as plain values: `easel` with no arguments opens the
    /// studio with `Options()` and never builds the argument parser's tree (see `Easel.main`).
    struct Options {
        var theme: String?
        var sandbox = false
        var provider: ProviderID?
        var model: String?
        var graphics: String?
    }

    /// Opens the studio as `options` ask and returns when the user quits.
    static func open(_ options: Options) async throws {
        let (theme, sandbox, provider, model, graphics) = (options.theme, options.sandbox, options.provider, options.model, options.graphics)
        // Decoding the catalog is the longest step before the first frame; it runs beside the
        // config, keys, theme and prices, which do not need it.
        Catalog.startLoadingBundled()
        let setup = try CommandSetup.load()
        let (environment, paths, config) = (setup.environment, setup.paths, setup.config)
        // The config's [keys] lines, refused with their file:line before the terminal is touched.
        let keymap: Keymap
        do throws(KeymapError) {
            keymap = try Keymap.standard.applying(config.keyBindings)
        } catch {
            throw CLIFailure(message: error.description, code: .invalid)
        }
        // Refused here, before the terminal is touched; decided once the terminal is open.
        let graphicsMode = try GraphicsFlag.mode(graphics, config: config)
        let loaded = ThemeLoader.load(
            name: theme ?? config.theme ?? ThemeLoader.defaultName,
            shippedDirectory: ThemeLoader.shippedDirectory(executable: Self.executable, environment: environment),
            userDirectory: ThemeLoader.userDirectory(environment: environment))
        let prices = PriceTable.load(userFile: paths.config.appendingPathComponent("prices.json"))
        // The first step that needs the catalog (which providers are configured), so last.
        let useSandbox = sandbox || !config.hasAnyProvider

        // Chosen as `easel generate` chooses, and refused the same way, before the terminal is touched.
        let choice: StartingChoice
        do throws(GenerationError) {
            choice = try config.startingChoice(provider: provider?.rawValue, model: model)
        } catch {
            throw CLIFailure(message: error.description, code: error.exitCode)
        }
        // Nothing below refuses the launch: the terminal opens on the studio's thread meanwhile.
        let opening = TerminalOpening.start(
            theme: loaded.theme, environment: environment, probes: graphicsMode != .none && StudioGraphics.probes(graphicsMode))
        let redactor = SecretRedactor(secrets: config.secrets)
        FileLogSink(file: paths.logFile, redactor: redactor).bootstrap()
        let launch = StudioLaunch(config: config, paths: paths, useSandbox: useSandbox, environment: environment)
        var context = launch.context(implicitSandbox: useSandbox && !sandbox, bell: config.bell)
        context.pictures = graphicsMode != .none
        context.exportDirectory = FileManager.default.currentDirectoryPath
        context.prices = prices.table
        var state = AppState(context: context, width: 80, height: 24, provider: choice.provider, model: choice.model)
        if let problem = loaded.problem {
            state.message = StatusMessage("\(problem); using \(loaded.theme.name)", kind: .warning)
        } else if let problem = prices.problem {
            state.message = StatusMessage(problem, kind: .warning)
        }
        let outcome = await launch.runStudio(
            state: state, theme: loaded.theme, keymap: keymap, environment: environment, graphics: graphicsMode,
            graphicsSource: graphics != nil ? .flag : .config, opening: opening)
        await launch.close()
        switch outcome {
        case .failure(let error):
            throw CLIFailure(message: error.description, code: .invalid)
        case .success(let final):
            let images = final.jobs.flatMap(\.images)
            if !images.isEmpty {
                let folder = URL(fileURLWithPath: images[0].path).deletingLastPathComponent().path
                FileHandle.standardError.write(Data("easel: \(Counted.phrase(images.count, "image")) saved in \(folder)\n".utf8))
            }
            if let left = QuitOutlook(final).farewell { FileHandle.standardError.write(Data("easel: \(left)\n".utf8)) }
        }
    }

    /// This program's path, for finding the shipped themes beside a build.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).absoluteURL
    }
}
