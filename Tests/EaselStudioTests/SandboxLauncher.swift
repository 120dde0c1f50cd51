import EaselCore
import EaselSandbox
import EaselStore
import EaselStudio
import Foundation
import Logging

/// A job launcher for studio tests: every provider at its route on `sandbox`, a quick poll
/// schedule, jobs journalled in `journal`, images saved in `directory`.
func sandboxLauncher(_ sandbox: SandboxServer, token: String, journal: HistoryStore, directory: URL) -> JobLauncher {
    let sender = RequestSender(
        transport: AsyncHTTPTransport.sharedForStudioTests, redactor: SecretRedactor(secrets: [token]), logger: Logger(label: "test"))
    let runner = GenerationRunner(
        sender: sender, store: ImageStore(directory: directory),
        hub: ThreadPollHub(sender: sender, schedule: PollSchedule(maxInterval: 0.5)))
    return JobLauncher(runner: runner, clock: StudioClock(), journal: journal) { provider in
        let base = sandbox.baseURL(for: provider) ?? sandbox.aiClientBaseURL
        return ProviderEndpoint(provider: provider, baseURL: base, credential: sandbox.credential(for: provider))
    }
}
