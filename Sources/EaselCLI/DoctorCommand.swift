import ArgumentParser
import EaselCore
import EaselGraphics
import EaselPixels
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// `easel doctor`: what Easel found about the terminal and why — TERM, colour, locale, the
/// terminal's own answers, the graphics protocol and the replies that chose it, tmux, SSH,
/// the symbol set, end-to-end kitty and sixel checks — and the exact fix for each problem.
struct DoctorCommand: ParsableCommand, JSONReporting {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Say what Easel finds about this terminal (pictures, colour, locale, tmux, SSH) and how to fix problems.",
        discussion: """
            Asks the terminal (kitty graphics test image, XTVERSION, cell size, DA2, XTSMGRAPHICS, \
            DA1) through /dev/tty with a hard timeout, reads tmux's allow-passthrough, and judges \
            the environment; output may go to a file. No controlling terminal: only the \
            environment is judged. --json prints one object for bug \
            reports. The exit code is 0 whatever is found (2 for bad options or config).
            """)

    @Option(help: ArgumentHelp(stringLiteral: GraphicsFlag.help), completion: GraphicsFlag.completion)
    var graphics: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    /// How long the terminal gets to answer: more than `easel show`'s 200 ms, since a slow
    /// link is one of the things the doctor is run to find.
    static let timeout: Duration = .milliseconds(500)

    func run() throws {
        let setup = try CommandSetup.load()
        let mode = try GraphicsFlag.mode(graphics, config: setup.config)
        let source: DoctorEvidence.ModeSource = graphics != nil ? .flag : setup.config.graphics != .auto ? .config : .automatic
        let environment = setup.environment
        var evidence = DoctorEvidence(
            environment: environment, isTerminal: false, tmux: TmuxQuery.passthrough(environment: environment), mode: mode,
            modeSource: source, symbols: setup.config.symbols)
        // The controlling terminal, not stdout, is asked: `easel doctor --json > report.json`
        // still examines the terminal it was typed in. No controlling terminal (cron, CI,
        // setsid): the environment alone.
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if tty >= 0 {
            defer { close(tty) }
            if isatty(tty) == 1 {
                evidence.isTerminal = true
                evidence.windowSize = GraphicsProbe.windowSize(of: tty)
                evidence.probe = GraphicsProbe.run(
                    input: tty, output: tty, environment: environment, timeout: Self.timeout,
                    queries: GraphicsProbe.doctorQueries(inTmux: GraphicsEnvironment(environment).inTmux))
            }
        }
        let diagnosis = TerminalDiagnosis(evidence)
        print(json ? DoctorReport.json(diagnosis, evidence: evidence) : DoctorReport.text(diagnosis))
    }
}
