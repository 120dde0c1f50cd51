import Foundation

extension GenerationRunner {
    /// Finds the request entry an Easel that was killed while posting it never heard back
    /// about: the first request entry of `thread` made no earlier than `since` (less a few
    /// minutes of clock difference), not already another job's (`excluding`), whose prompt is the
    /// one that was sent. Reads the thread; never posts. Nil when the thread holds no such entry.
    public func findPostedEntry(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, thread: String, since: Date, excluding: Set<String>
    ) async throws(GenerationError) -> String? {
        guard let token = endpoint.credential?.secret else {
            throw .configuration("ai-client needs a token: set AICLIENT_TOKEN or add it to the config file")
        }
        let reply: IncomingResponse
        do {
            reply = try await sender.send(AIClientWire.listEntries(baseURL: endpoint.baseURL, token: token, thread: thread), kind: .idempotent)
        } catch {
            throw .network("could not read thread \(thread) to look for the request: \(error)")
        }
        guard reply.isSuccess else { throw Self.rejection(reply) }
        guard let entries = AIClientWire.decodeEntries(reply.body) else {
            throw .badReply("the entries of thread \(thread) are not the documented JSON")
        }
        return Self.postedEntry(among: entries, for: request, since: since, excluding: excluding)
    }

    /// The pure part of `findPostedEntry`: which of `entries` is the request that was sent.
    static func postedEntry(
        among entries: [AIClientEntry], for request: ResolvedRequest, since: Date, excluding: Set<String>
    ) -> String? {
        let earliest = since.addingTimeInterval(-300)
        let sent = request.sentParts
        return entries.first { entry in
            guard entry.type == "request", !excluding.contains(entry.guid) else { return false }
            if let made = AIClientWire.date(entry.createdAt), made < earliest { return false }
            let parts = AIClientWire.request(fromContent: entry.content, model: request.model.id).parts
            return parts.count == sent.count
                && zip(parts, sent).allSatisfy { $0.text == $1.text && abs($0.weight - $1.weight) < 1e-6 }
        }?.guid
    }
}
