import Foundation

extension ServerChoices {
    /// Asks the server at `endpoint` what it offers, by its provider's wire format; nil for a
    /// wire format that has no such lists. Each list is asked for separately: one the server does
    /// not have (an old web UI has no `/schedulers`) is left out, not a failure, but a server that
    /// answers none of them is one.
    public static func fetch(
        wire: WireFormat, endpoint: ProviderEndpoint, sender: RequestSender
    ) async throws(GenerationError) -> ServerChoices? {
        switch wire {
        case .a1111: return try await fetchA1111(endpoint: endpoint, sender: sender)
        default: return nil
        }
    }

    /// The web UI's checkpoints (`sd-models` titles), samplers and schedulers.
    static func fetchA1111(endpoint: ProviderEndpoint, sender: RequestSender) async throws(GenerationError) -> ServerChoices {
        var choices = ServerChoices()
        var lastProblem: String?
        for (route, setting, field) in A1111Wire.choiceRoutes {
            let request = try A1111Wire.listRequest(endpoint: endpoint, route: route)
            let response: IncomingResponse
            do {
                response = try await sender.send(request, kind: .idempotent, maxBodyBytes: 4 << 20)
            } catch {
                throw .network("cannot ask \(endpoint.host ?? endpoint.baseURL) for its \(route): \(error)")
            }
            guard response.isSuccess else {
                lastProblem = A1111Wire.errorLine(
                    status: response.status, body: response.body, host: endpoint.host ?? endpoint.baseURL, route: route)
                if response.status == 401 || response.status == 403 { throw .rejected(status: response.status, message: lastProblem ?? "") }
                continue
            }
            guard let names = A1111Wire.decodeNames(response.body, field: field) else {
                lastProblem = "the server's \(route) is not a JSON list"
                continue
            }
            choices.values[setting] = names
        }
        if choices.values.isEmpty {
            throw .badReply(lastProblem ?? "the server listed no checkpoints, samplers or schedulers")
        }
        return choices
    }
}
