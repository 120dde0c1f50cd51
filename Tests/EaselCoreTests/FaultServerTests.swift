import AsyncHTTPClient
import NIOCore
import NIOPosix
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Self-tests for the fault-injection server: each step is checked at the byte level with a raw
/// socket and, where it matters to the real client, through AsyncHTTPClient.
@Suite(.timeLimit(.minutes(1)))
struct FaultServerTests {
    private static let get = "GET /ping HTTP/1.1\r\nHost: test\r\n\r\n"

    @Test func respondSendsFramedResponseAndRecordsRequest() async throws {
        let step = FaultStep.respond(status: 201, headers: [("X-Kind", "test")], body: utf8("made"))
        try await withFaultServer(script: [step]) { server in
            try await withFreshHTTPClient { client in
                var request = HTTPClientRequest(url: server.baseURL + "/v1/images?size=small")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: utf8(#"{"prompt":"cat"}"#)))
                let response = try await client.execute(request, timeout: .seconds(10))
                let body = try await response.body.collect(upTo: 1 << 20)
                #expect(response.status.code == 201)
                #expect(response.headers["X-Kind"] == ["test"])
                #expect(Array(buffer: body) == utf8("made"))
            }
            let received = await server.received()
            #expect(received.count == 1)
            #expect(received.first?.method == "POST")
            #expect(received.first?.path == "/v1/images?size=small")
            #expect(received.first?.header("content-type") == "application/json")
            #expect(received.first?.body == utf8(#"{"prompt":"cat"}"#))
        }
    }

    @Test func respondKeepsConnectionOpenForTheNextRequest() async throws {
        let script: [FaultStep] = [.respond(status: 200, body: utf8("one")), .respond(status: 202)]
        try await withFaultServer(script: script) { server in
            try await RawConnection.withConnection(toPort: server.port) { connection in
                try await connection.send(Self.get)
                let first = try await connection.readResponse()
                #expect(first?.body == utf8("one"))
                #expect(first?.header("Content-Length") == "3")
                #expect(first?.header("Connection") == nil)
                try await connection.send(Self.get)
                let second = try await connection.readResponse()
                #expect(second?.status == 202)
                #expect(second?.body == [])
            }
            #expect(await server.acceptedConnections() == 1)
        }
    }

    @Test func pooledClientReusesOneConnection() async throws {
        try await withFaultServer(script: [], fallback: .respond(status: 200, body: utf8("ok"))) { server in
            try await withFreshHTTPClient { client in
                for _ in 0..<3 {
                    let response = try await client.execute(
                        HTTPClientRequest(url: server.baseURL + "/ping"), timeout: .seconds(10))
                    _ = try await response.body.collect(upTo: 1024)
                    #expect(response.status.code == 200)
                }
            }
            #expect(await server.received().count == 3)
            #expect(await server.acceptedConnections() == 1)
        }
    }

    @Test func respondClosesWhenTheClientAsksTo() async throws {
        try await withFaultServer(script: [.respond(status: 200, body: utf8("bye"))]) { server in
            try await RawConnection.withConnection(toPort: server.port) { connection in
                try await connection.send("GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                let response = try await connection.readResponse()
                #expect(response?.header("Connection") == "close")
                #expect(await connection.readToEnd() == [])
                #expect(connection.ending == .closed)
            }
        }
    }

    @Test func closeAfterRequestHangsUpWithoutAnswering() async throws {
        try await withFaultServer(script: [.closeAfterRequest]) { server in
            try await RawConnection.withConnection(toPort: server.port) { connection in
                try await connection.send("PUT /thing HTTP/1.1\r\nContent-Length: 4\r\n\r\n")
                try await connection.send("data")
                #expect(await connection.readToEnd() == [])
                #expect(connection.ending == .closed)
            }
            #expect(await server.received().map(\.body) == [utf8("data")])
        }
    }

    @Test func resetAfterRequestAbortsWithECONNRESET() async throws {
        try await withFaultServer(script: [.resetAfterRequest]) { server in
            try await RawConnection.withConnection(toPort: server.port) { connection in
                try await connection.send(Self.get)
                #expect(await connection.readToEnd() == [])
                #expect(connection.ending == .reset)
            }
            #expect(await server.received().count == 1)
        }
    }

    @Test func clientSeesWhichWayEachConnectionBroke() async throws {
        let steps: [FaultStep] = [
            .closeAfterRequest,
            .resetAfterRequest,
            .truncatedBody(status: 200, headers: [], declaredLength: 10, sent: utf8("abc")),
        ]
        try await withFaultServer(script: steps) { server in
            try await withFreshHTTPClient { client in
                var request = HTTPClientRequest(url: server.baseURL + "/v1/jobs")
                request.method = .POST
                request.body = .bytes(ByteBuffer(bytes: utf8("{}")))
                await #expect(throws: HTTPClientError.remoteConnectionClosed) {
                    _ = try await client.execute(request, timeout: .seconds(10))
                }
                let reset = await #expect(throws: IOError.self) {
                    _ = try await client.execute(request, timeout: .seconds(10))
                }
                #expect(reset?.errnoCode == ECONNRESET)
                // The head arrives intact, so the failure surfaces only while reading the body.
                let truncated = try await client.execute(request, timeout: .seconds(10))
                #expect(truncated.status.code == 200)
                await #expect(throws: (any Error).self) {
                    _ = try await truncated.body.collect(upTo: 1024)
                }
            }
            // One POST per step: the server saw every attempt, and the client retried none.
            #expect(await server.received().map(\.method) == ["POST", "POST", "POST"])
        }
    }

    @Test func truncatedBodyPromisesMoreThanItSends() async throws {
        let step = FaultStep.truncatedBody(
            status: 200, headers: [("Content-Type", "image/png"), ("Content-Length", "1")],
            declaredLength: 8, sent: utf8("PNG"))
        try await withFaultServer(script: [step]) { server in
            try await RawConnection.withConnection(toPort: server.port) { connection in
                try await connection.send(Self.get)
                let raw = String(decoding: await connection.readToEnd(), as: UTF8.self)
                #expect(raw == "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 8\r\n\r\nPNG")
                #expect(connection.ending == .closed)
            }
        }
    }

    @Test func stallNeverAnswersUntilTheServerStops() async throws {
        let server = try await FaultServer.start(script: [.stall])
        try await RawConnection.withConnection(toPort: server.port) { connection in
            try await connection.send(Self.get)
            #expect(await server.waitForRequests(1).count == 1)
            try await server.stop()
            // Nothing was sent before stop() closed the connection.
            #expect(await connection.readToEnd() == [])
            #expect(connection.ending == .closed)
        }
    }

    @Test func stallTripsTheClientDeadline() async throws {
        try await withFaultServer(script: [.stall]) { server in
            try await withFreshHTTPClient { client in
                await #expect(throws: HTTPClientError.deadlineExceeded) {
                    _ = try await client.execute(
                        HTTPClientRequest(url: server.baseURL + "/slow"), timeout: .milliseconds(200))
                }
            }
        }
    }

    @Test func scriptRunsInArrivalOrderAcrossConnectionsThenFallsBack() async throws {
        let script: [FaultStep] = [.respond(status: 201), .respond(status: 202)]
        try await withFaultServer(script: script, fallback: .respond(status: 503)) { server in
            var statuses: [Int] = []
            for _ in 0..<3 {
                let status = try await RawConnection.withConnection(toPort: server.port) { connection in
                    try await connection.send(Self.get)
                    return try await connection.readResponse()?.status
                }
                statuses.append(status ?? -1)
            }
            #expect(statuses == [201, 202, 503])
            #expect(await server.acceptedConnections() == 3)
        }
    }

    @Test func routesScriptEachPathPrefixSeparately() async throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let routes: [(pathPrefix: String, steps: [FaultStep])] = [
            (pathPrefix: "/v1/", steps: [.resetAfterRequest]),
            (
                pathPrefix: "/storage/",
                steps: [.respond(status: 200, headers: [("Content-Type", "image/png")], body: png)]
            ),
        ]
        try await withFaultServer(routes: routes, fallback: .respond(status: 404)) { server in
            try await withFreshHTTPClient { client in
                let image = try await client.execute(
                    HTTPClientRequest(url: server.baseURL + "/storage/a.png"), timeout: .seconds(10))
                #expect(image.status.code == 200)
                #expect(image.headers["Content-Type"] == ["image/png"])
                #expect(Array(buffer: try await image.body.collect(upTo: 1024)) == png)
                var post = HTTPClientRequest(url: server.baseURL + "/v1/images")
                post.method = .POST
                await #expect(throws: (any Error).self) {
                    _ = try await client.execute(post, timeout: .seconds(10))
                }
                let exhausted = try await client.execute(post, timeout: .seconds(10))
                #expect(exhausted.status.code == 404)
            }
            #expect(await server.received().map(\.path) == ["/storage/a.png", "/v1/images", "/v1/images"])
        }
    }

    @Test func requestSplitAcrossWritesAndPipelinedRequestsAreFramed() async throws {
        try await withFaultServer(script: [], fallback: .respond(status: 204)) { server in
            try await RawConnection.withConnection(toPort: server.port) { connection in
                try await connection.send("POST /a HTTP/1.1\r\nContent-")
                try await connection.send("Length: 5\r\n\r\nhel")
                try await connection.send("lo" + Self.get)
                #expect(try await connection.readResponse()?.status == 204)
                #expect(try await connection.readResponse()?.status == 204)
            }
            let received = await server.received()
            #expect(received.map(\.path) == ["/a", "/ping"])
            #expect(received.first?.body == utf8("hello"))
        }
    }

    @Test func stopClosesIdleConnectionsAndTheListener() async throws {
        let server = try await FaultServer.start(script: [.respond(status: 200)])
        try await RawConnection.withConnection(toPort: server.port) { connection in
            try await connection.send(Self.get)
            #expect(try await connection.readResponse()?.status == 200)
            try await server.stop()
            #expect(await connection.readToEnd() == [])
            #expect(connection.ending == .closed)
        }
        await #expect(throws: (any Error).self) {
            try await RawConnection.withConnection(toPort: server.port) { _ in }
        }
        try await server.stop()
    }

    @Test func framerRejectsWhatItCannotFrame() throws {
        var chunked = RequestFramer()
        chunked.append(utf8("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"))
        #expect(throws: RequestFramer.FramingError.unsupportedTransferEncoding) { try chunked.nextRequest() }

        var badLength = RequestFramer()
        badLength.append(utf8("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n"))
        #expect(throws: RequestFramer.FramingError.badHead(.badContentLength)) { try badLength.nextRequest() }

        var waiting = RequestFramer()
        waiting.append(utf8("GET / HTTP/1.1\r\nHost:  spaced  \r\n"))
        #expect(try waiting.nextRequest() == nil)
        waiting.append(utf8("\r\n"))
        #expect(try waiting.nextRequest()?.header("HOST") == "spaced")
        #expect(waiting.bufferedByteCount == 0)
    }
}

/// Runs `body` against a fresh server and always stops it, so a failing test leaks no socket.
private func withFaultServer(
    script: [FaultStep] = [], fallback: FaultStep = .scriptExhausted,
    _ body: (FaultServer) async throws -> Void
) async throws {
    try await withFaultServer(routes: [(pathPrefix: "", steps: script)], fallback: fallback, body)
}

/// Runs `body` against a fresh route-scripted server and always stops it.
private func withFaultServer(
    routes: [(pathPrefix: String, steps: [FaultStep])], fallback: FaultStep,
    _ body: (FaultServer) async throws -> Void
) async throws {
    let server = try await FaultServer.start(routes: routes, fallback: fallback)
    do {
        try await body(server)
    } catch {
        try? await server.stop()
        throw error
    }
    try await server.stop()
}

/// Runs `body` with a fresh client (no pooled connections from other tests) and shuts it down.
private func withFreshHTTPClient(_ body: (HTTPClient) async throws -> Void) async throws {
    let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
    do {
        try await body(client)
    } catch {
        try? await client.shutdown()
        throw error
    }
    try await client.shutdown()
}

/// The UTF-8 bytes of `text`.
private func utf8(_ text: String) -> [UInt8] {
    Array(text.utf8)
}
