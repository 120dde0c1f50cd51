import EaselGraphics
import EaselTerminal
import EaselUI
import Foundation

/// The studio's thread, started as soon as nothing left can refuse the launch: it opens the
/// terminal (curses set-up, the graphics probe's round trip, modes) while the main path puts the rest
/// of the studio together (log sink, job launcher, state), then runs what it is handed on the
/// same thread, so the terminal is only ever used from the thread that opened it.
final class TerminalOpening: @unchecked Sendable {
    /// The opened terminal and what the probe found (nil: not probed), or why it could not open.
    typealias Opened = Result<(terminal: Terminal, probed: GraphicsProbe.Outcome?), TerminalError>

    private let handed = DispatchSemaphore(value: 0)
    /// Written once by `then`, before `handed` is signalled; read after it is waited for.
    private var next: ((Opened) -> Void)?

    private init() {}

    /// Starts the thread; `probes`: whether to ask the terminal what pictures it can show.
    static func start(theme: Theme, environment: [String: String], probes: Bool) -> TerminalOpening {
        let opening = TerminalOpening()
        let thread = Thread {
            var probed: GraphicsProbe.Outcome?
            let opened = Result { () throws(TerminalError) -> Terminal in
                // Asked once the terminal is known usable, before curses reads keys: the replies
                // would otherwise reach its key reader.
                try Terminal.open(theme: theme, environment: environment) { input, output in
                    guard probes else { return [] }
                    probed = GraphicsProbe.run(input: input, output: output, environment: environment)
                    return probed?.otherInput ?? []
                }
            }.map { (terminal: $0, probed: probed) }
            opening.handed.wait()
            opening.next?(opened)
        }
        thread.name = "easel.studio"
        thread.start()
        return opening
    }

    /// Runs `body` on the studio's thread with the terminal once it is open; called once.
    func then(_ body: @escaping (Opened) -> Void) {
        next = body
        handed.signal()
    }
}
