import EaselAceCallbacks
import EaselCore
import Foundation

/// Builds the runner's Ace Data Cloud task hub from flags and config: the task mode when asked
/// (`--async` or `async = true`), the callback receiver when a callback address is configured,
/// and the poll rate.
enum AceTaskSetup {
    /// The hub for a command; `asynchronous` is the command's `--async`.
    static func hub(
        config: EaselConfig, asynchronous: Bool, sender: RequestSender, schedule: PollSchedule
    ) async throws -> AceTaskHub {
        let settings = config.providers[.aceData]?.tasks ?? TaskModeSettings()
        let useTasks = asynchronous || settings.asynchronous
        var receiver: AceCallbackReceiver?
        if useTasks, let callbackURL = settings.callbackURL {
            guard let listen = settings.listenAddress else {
                throw CLIFailure(
                    message: "acedata.callback_url \(callbackURL) names no port to listen on; add acedata.callback_listen = \"127.0.0.1:PORT\" to the config file",
                    code: .invalid)
            }
            do {
                receiver = try await AceCallbackReceiver.start(host: listen.host, port: listen.port, publicURL: callbackURL)
            } catch {
                throw CLIFailure(message: "\(error) (acedata.callback_listen); nothing was sent", code: .invalid)
            }
        }
        return AceTaskHub(
            sender: sender, asynchronous: useTasks, receiver: receiver, pollRate: settings.pollRate ?? 5, schedule: schedule)
    }
}
