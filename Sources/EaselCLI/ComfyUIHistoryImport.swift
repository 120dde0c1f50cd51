import EaselCore
import EaselStore
import Foundation
import Logging

/// `easel threads sync --provider comfyui`: imports the configured ComfyUI server's past
/// prompts into the history (see `ComfyUIHistorySync`).
enum ComfyUIHistoryImport {
    static func run(access: HistoryAccess, store: HistoryStore) async throws {
        let settings = access.config.providers[.comfyUI]
        guard let base = settings?.baseURL, !base.isEmpty else {
            throw CLIFailure(message: "syncing ComfyUI needs its address: set COMFYUI_BASE_URL (e.g. http://127.0.0.1:8188)", code: .invalid)
        }
        let stack = ClientStack(config: access.config, paths: access.paths, logLabel: "easel.sync")
        let (redactor, sender) = (stack.redactor, stack.sender)
        let endpoint = ProviderEndpoint(provider: .comfyUI, baseURL: base, credential: settings?.credential)
        let report = await ComfyUIHistorySync(store: store, sender: sender, endpoint: endpoint).sync()
        await stack.shutdown()
        if let failure = report.failure {
            throw CLIFailure(message: "could not sync ComfyUI: \(redactor.redact(TerminalText.oneLine(failure)))", code: .network)
        }
        print("imported \(Counted.phrase(report.imported, "ComfyUI prompt")) (\(report.known) already in the history) with \(Counted.phrase(report.requests, "request"))")
    }
}
