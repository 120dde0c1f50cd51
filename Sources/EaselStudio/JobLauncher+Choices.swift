import EaselCore
import EaselStore
import EaselUI
import Foundation

extension JobLauncher {
    /// Fetches what `provider`'s server offers (`ServerChoices`), keeps it in the history for the
    /// next start, and posts it; a failure is posted as a message and changes nothing.
    public func fetchChoices(_ provider: ProviderID, inbox: Inbox) {
        let runner = runner
        let endpoint = endpoint
        let journalTask = journalTask
        Task {
            guard let wire = Catalog.bundled.provider(provider)?.wire else { return }
            do throws(GenerationError) {
                let target = try await endpoint(provider)
                guard let choices = try await ServerChoices.fetch(wire: wire, endpoint: target, sender: runner.sender) else { return }
                try? await journalTask.value?.saveChoices(choices, provider: provider, baseURL: target.baseURL)
                inbox.post(.choicesLoaded(provider, choices, StatusMessage(Self.summary(choices, provider: provider), kind: .success)))
            } catch {
                inbox.post(.choicesLoaded(provider, nil, StatusMessage("\(provider): \(error.description)", kind: .error)))
            }
        }
    }

    /// Posts the history's copy of what each local server with lists offered when last asked,
    /// for the endpoint this session uses — no request to any server.
    public func loadCachedChoices(inbox: Inbox) {
        let endpoint = endpoint
        let journalTask = journalTask
        Task {
            guard let journal = await journalTask.value else { return }
            for provider in Catalog.bundled.providers where ServerChoices.listingWires.contains(provider.wire) {
                guard let target = try? await endpoint(provider.id),
                    let cached = try? journal.choices(provider: provider.id, baseURL: target.baseURL)
                else { continue }
                inbox.post(.choicesLoaded(provider.id, cached, nil))
            }
        }
    }

    /// "a1111: 2 checkpoints, 5 samplers, 4 schedulers (r fetches again)".
    static func summary(_ choices: ServerChoices, provider: ProviderID) -> String {
        let parts = [(SettingName.checkpoint, "checkpoint"), (.sampler, "sampler"), (.scheduler, "scheduler")].compactMap { setting, word in
            choices[setting].map { Counted.phrase($0.count, word) }
        }
        return "\(provider): " + (parts.isEmpty ? "the server listed nothing" : parts.joined(separator: ", "))
    }
}
