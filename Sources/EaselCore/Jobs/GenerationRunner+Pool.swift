import Synchronization

extension GenerationRunner {
    /// Runs a job on the least busy server of its pool, waiting for one with room. A job that
    /// could not reach its server before the server took it moves on to another; once taken
    /// (an entry, a task, progress or an answer came back) it stays, and is never sent twice.
    func runPooled(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, thread: String?, stem: String,
        progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        let pool = pools.pool(for: endpoint)
        // Only servers that have the checkpoint the job names take it.
        let lacking = await serversLacking(request, endpoint: endpoint)
        if lacking.isSuperset(of: endpoint.servers), let wanted = request[.checkpoint]?.textValue {
            throw .invalid(ValidationFailure(problems: [
                ValidationProblem(field: "checkpoint", message: "no server of \(request.provider.id)'s pool has \"\(TerminalText.oneLine(wanted, limit: 120))\"")
            ]))
        }
        var tried = lacking
        var unreachable: [String] = []
        while true {
            let server: String
            do {
                server = try await pool.lease(excluding: tried)
            } catch ServerPool.LeaseFailure.cancelled {
                throw .cancelled
            } catch {
                let which = unreachable.isEmpty ? "" : " (tried \(unreachable.joined(separator: ", ")))"
                throw .network("no server of \(request.provider.id)'s pool could be reached\(which); the job was not sent")
            }
            let accepted = Mutex(false)
            progress(JobUpdate(state: .sending, server: server))
            do throws(GenerationError) {
                let result = try await runFlow(request, endpoint: endpoint.serving(server), thread: thread, stem: stem) { update in
                    if update.showsAcceptance { accepted.withLock { $0 = true } }
                    progress(update)
                }
                await pool.release(server)
                return result
            } catch {
                await pool.release(server)
                guard case .network = error, !accepted.withLock({ $0 }), !Task.isCancelled else { throw error }
                await pool.markUnreachable(server)
                tried.insert(server)
                unreachable.append(server)
            }
        }
    }
}
