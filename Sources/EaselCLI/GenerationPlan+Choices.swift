import EaselCore
import EaselStore

extension GenerationPlan {
    /// A sampler, scheduler or checkpoint the server is known not to have — by the lists the
    /// studio last fetched from that server (`ServerChoices` in the history) — as one line naming
    /// what it has; nil when the value is fine or nothing is known (the lists are never required).
    static func choiceProblem(_ request: ResolvedRequest, history: HistoryStore?, baseURL: String) -> String? {
        guard let history, request.provider.wire == .a1111,
            let known = try? history.choices(provider: request.provider.id, baseURL: baseURL)
        else { return nil }
        for setting in [SettingName.sampler, .scheduler, .checkpoint] where request.explicit.contains(setting) {
            guard let value = request[setting]?.textValue, !value.isEmpty else { continue }
            // The web UI takes a checkpoint by its title or its short name; titles are listed.
            if setting == .checkpoint, known[setting]?.contains(where: { $0.hasPrefix(value) }) == true { continue }
            // Schedulers go by name or label; names are listed, labels differ only in case.
            if setting == .scheduler, known[setting]?.contains(where: { $0.lowercased() == value.lowercased() }) == true { continue }
            if let problem = known.problem(setting, value: value) {
                return problem + " (as the studio last fetched it; r in its settings fetches again)"
            }
        }
        return nil
    }
}
