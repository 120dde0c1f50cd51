import Dispatch
import Foundation

/// Ctrl-C during a job whose server can be told to stop (AUTOMATIC1111's `/interrupt`): the
/// first SIGINT cancels the job's task, so the runner interrupts the server's work before Easel
/// exits; a second one exits at once, as Ctrl-C would have. Other jobs keep the default (the
/// process ends and the journal keeps the job for `easel resume`).
final class CtrlCCancel: @unchecked Sendable {
    private let source: any DispatchSourceSignal
    private let lock = NSLock()
    private var pressed = false

    /// Cancels `task` on the first SIGINT until `stop()`.
    init(cancelling task: Task<Void, Never>) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [lock] in
            let again = lock.withLock { () -> Bool in
                defer { self.pressed = true }
                return self.pressed
            }
            if again { _exit(128 + SIGINT) }
            FileHandle.standardError.write(Data("\neasel: stopping the job on the server (Ctrl-C again quits at once)\n".utf8))
            task.cancel()
        }
        source.resume()
    }

    /// Gives Ctrl-C back its default.
    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
