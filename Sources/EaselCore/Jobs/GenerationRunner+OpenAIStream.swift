extension GenerationRunner {
    /// OpenAI images with `stream: true`: one POST answered with server-sent events. Partial
    /// images are saved and reported as they arrive; each `image_generation.completed` event
    /// brings a final image and the usage. The POST is never sent again once it may have
    /// arrived: a stream that ends before its images is an outcome unknown.
    /// `prepared` is a request already built (an edit's multipart upload); without one the
    /// generation request is built here.
    func runOpenAIStream(
        _ request: ResolvedRequest, endpoint: ProviderEndpoint, stem: String, prepared: OutgoingRequest? = nil,
        what: String = "the generation request", progress: @escaping @Sendable (JobUpdate) -> Void
    ) async throws(GenerationError) -> GenerationResult {
        progress(JobUpdate(state: .sending))
        var outgoing = prepared ?? OpenAIImagesWire.createImage(
            baseURL: endpoint.baseURL, apiKey: endpoint.credential?.secret, request: request)
        outgoing.headers = outgoing.headers.filter { $0.0.lowercased() != "accept" } + [("Accept", "text/event-stream")]
        let images = max(1, request[.n]?.integerValue ?? 1)
        let partials = max(0, request[.partialImages]?.integerValue ?? 0)
        var collector = OpenAIStreamCollector(
            runner: self, stem: stem, expectedEvents: images * (partials + 1), jsonLimit: 256 << 20, progress: progress,
            deadlines: streamDeadlines,
            // Unset, the server chooses how many previews to send, up to the documented 3.
            expectedPartials: images * (request[.partialImages] == nil ? 3 : partials))
        let limit = collector.streamLimit
        let transport = sender.transport
        let sender = sender
        let response: IncomingResponse
        let box = CollectorBox(collector)
        let sent = outgoing
        // The stream races a watchdog that ends it when no byte arrives to check the deadlines
        // on (a server gone silent mid-stream); the reader checks them on every chunk too.
        let outcome = await withTaskGroup(of: Result<IncomingResponse, TransportFailure>?.self) { group in
            group.addTask {
                // Retried only as any generation POST is (never connected, or 429), and neither
                // case delivers a byte of body, so the collector never sees two attempts.
                do throws(TransportFailure) {
                    return .success(
                        try await sender.perform(sent, kind: .generation) { () throws(TransportFailure) -> IncomingResponse in
                            box.watch.arm()
                            do throws(TransportFailure) {
                                let response = try await transport.stream(sent, maxBytes: limit) { chunk in box.collector.consume(chunk) }
                                // A refusal (a 429 to wait out and retry) is an answer, not a silent stream.
                                if response.status == 429 { box.watch.disarm() }
                                return response
                            } catch {
                                // Past a failed attempt the stream is not silent: it is not there.
                                if error.neverReachedServer { box.watch.disarm() }
                                throw error
                            }
                        })
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                await box.watch.expiry()
                return nil
            }
            var first: Result<IncomingResponse, TransportFailure>?
            while let next = await group.next() {
                if let next {
                    first = next
                    break
                }
                if box.watch.check() != nil { break }
            }
            group.cancelAll()
            return first ?? .failure(.local("cancelled"))
        }
        collector = box.collector
        if collector.failure == nil, let expired = box.watch.check(), case .failure = outcome {
            collector.fail(expired)
        }
        do throws(TransportFailure) {
            response = try outcome.get()
        } catch {
            collector.discardPartials()
            if let failure = collector.failure { throw failure }
            if error.neverReachedServer { throw .network("\(what) never reached the server: \(error)") }
            if !collector.finals.isEmpty {
                // Images that arrived are kept (they were paid for); a shortfall is said.
                return result(collector, request: request, images: images)
            }
            if case .tooLarge = error { throw .badReply("the stream of \(what) is larger than the \(limit)-byte limit") }
            throw .outcomeUnknown(
                "the stream of \(what) broke off (\(error)) before \(Self.missing(of: images)); "
                    + "it was not sent again, so the image may have been made")
        }
        defer { collector.discardPartials() }
        guard response.isSuccess else {
            if response.status == 502 || response.status == 504 {
                throw .outcomeUnknown(
                    "\(what) got HTTP \(response.status) from a gateway; it was not sent again, so it may or may not have been made")
            }
            throw .rejected(status: response.status, message: OpenAIImagesWire.errorLine(status: response.status, body: response.body))
        }
        if let failure = collector.failure { throw failure }
        if collector.mode == .json {
            guard let decoded = OpenAIImagesWire.decodeReply(collector.json) else {
                throw .badReply("the reply is neither an event stream nor an ImagesResponse JSON object")
            }
            return try await saveReply(decoded, request: request, stem: stem, progress: progress)
        }
        guard !collector.finals.isEmpty else {
            let cut = collector.ending() == .midEvent ? " in the middle of an event" : ""
            throw .outcomeUnknown(
                "the stream of \(what) ended\(cut) before \(Self.missing(of: images)); "
                    + "it was not sent again, so the image may have been made")
        }
        return result(collector, request: request, images: images)
    }

    private func result(_ collector: OpenAIStreamCollector, request: ResolvedRequest, images: Int) -> GenerationResult {
        var notices = request.notices + collector.notices
        if collector.finals.count < images {
            notices.append("the stream ended after \(collector.finals.count) of \(images) images")
        }
        return GenerationResult(
            provider: request.provider.id.rawValue, model: request.model.id, usage: collector.usage,
            images: collector.finals, notices: notices)
    }

    /// "the final image arrived", in words for the message.
    private static func missing(of images: Int) -> String {
        images == 1 ? "the final image arrived" : "any of the \(images) images arrived"
    }
}

/// Holds the collector while the stream's task fills it; the parent reads it only after that
/// task has ended, so one task at a time touches it.
private final class CollectorBox: @unchecked Sendable {
    var collector: OpenAIStreamCollector
    let watch: StreamWatch

    init(_ collector: OpenAIStreamCollector) {
        self.collector = collector
        watch = collector.watch
    }
}
