import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix

/// The real transport, on AsyncHTTPClient. One instance serves a whole process; call `shutdown()`
/// before exit.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient

    /// - Parameter maxConnectionsPerHost: enough for many concurrent generations and polls.
    public init(maxConnectionsPerHost: Int = 64) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        // Failing fast on a refused connection lets our own retry policy decide: a generation POST
        // that never connected is safe to send again; the pool's silent retries would hide that.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxConnectionsPerHost
        // Servers commonly drop idle keep-alive connections after 5–15 s; reusing one that the
        // server has just closed would turn a POST into an "outcome unknown", so keep idle short.
        configuration.connectionPool.idleTimeout = .seconds(4)
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.decompression = .enabled(limit: .ratio(50))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    public func send(_ request: OutgoingRequest, maxBodyBytes: Int) async throws(TransportFailure) -> IncomingResponse {
        do {
            let response = try await client.execute(try Self.makeRequest(request), timeout: .init(request.timeout))
            if let declared = response.headers.first(name: "content-length").flatMap(Int.init), declared > maxBodyBytes {
                throw TransportFailure.tooLarge(limit: maxBodyBytes)
            }
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return IncomingResponse(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                body: Array(buffer: body))
        } catch is NIOTooManyBytesError {
            throw .tooLarge(limit: maxBodyBytes)
        } catch {
            throw Self.classify(error, limit: maxBodyBytes)
        }
    }

    public func download(
        _ request: OutgoingRequest, maxBytes: Int, into sink: @Sendable ([UInt8]) throws -> Void
    ) async throws(TransportFailure) -> IncomingResponse {
        try await receive(request, maxBytes: maxBytes) { chunk in
            try sink(chunk)
            return true
        }
    }

    public func stream(
        _ request: OutgoingRequest, maxBytes: Int, into consume: ([UInt8]) -> Bool
    ) async throws(TransportFailure) -> IncomingResponse {
        try await receive(request, maxBytes: maxBytes, consume: consume)
    }

    /// Sends `request` and hands a 2xx body to `consume` chunk by chunk as NIO receives it (so
    /// streamed partial images show while the rest is on its way), until it returns false or the
    /// body ends; more than `maxBytes`, declared or received, is refused, and a body shorter than
    /// its declared length (not stopped by the consumer) is truncated. Other statuses come back
    /// with their body (bounded) for the caller to decode.
    private func receive(
        _ request: OutgoingRequest, maxBytes: Int, consume: ([UInt8]) throws -> Bool
    ) async throws(TransportFailure) -> IncomingResponse {
        do {
            let response = try await client.execute(try Self.makeRequest(request), timeout: .init(request.timeout))
            let headers = response.headers.map { ($0.name, $0.value) }
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let body = try await response.body.collect(upTo: 1 << 20)
                return IncomingResponse(status: status, headers: headers, body: Array(buffer: body))
            }
            let declared = response.headers.first(name: "content-length").flatMap(Int.init)
            if let declared, declared > maxBytes { throw TransportFailure.tooLarge(limit: maxBytes) }
            var received = 0
            var stopped = false
            for try await chunk in response.body {
                received += chunk.readableBytes
                if received > maxBytes { throw TransportFailure.tooLarge(limit: maxBytes) }
                if try !consume(Array(buffer: chunk)) {
                    stopped = true
                    break
                }
            }
            if !stopped, let declared, received != declared { throw TransportFailure.truncated }
            return IncomingResponse(status: status, headers: headers)
        } catch {
            throw Self.classify(error, limit: maxBytes)
        }
    }

    private static func makeRequest(_ request: OutgoingRequest) throws(TransportFailure) -> HTTPClientRequest {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else { throw .invalidURL(request.url) }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let streamed = request.streamedBody {
            outgoing.body = .stream(StreamedBodyChunks(body: streamed), length: .known(Int64(streamed.length)))
            outgoing.headers.replaceOrAdd(name: "content-length", value: String(streamed.length))
        } else if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
            outgoing.headers.replaceOrAdd(name: "content-length", value: String(body.count))
        }
        return outgoing
    }

    /// Maps AsyncHTTPClient and NIO errors to whether the server could have seen the request;
    /// `limit` is the body size the caller allowed.
    static func classify(_ error: any Error, limit: Int) -> TransportFailure {
        if let failure = error as? TransportFailure { return failure }
        if let failure = error as? StreamedBodyError { return .local(failure.description) }
        // A compressed body that inflates past the ratio allowed (a gzip bomb) is a reply too
        // large to read, not a lost connection.
        if let error = error as? NIOHTTPDecompression.DecompressionError {
            return error == .limit ? .tooLarge(limit: limit) : .malformedResponse("its compressed body does not inflate")
        }
        if let error = error as? HTTPParserError {
            // A connection closed mid-response is a lost response, not a malformed one.
            if error == .invalidEOFState { return .noResponse("the server closed the connection in the middle of its response") }
            return .malformedResponse(Self.explain(error))
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return .notConnected("connection timed out")
            case .readTimeout, .deadlineExceeded: return .timedOut
            case .remoteConnectionClosed: return .noResponse("the server closed the connection")
            case .invalidURL, .emptyHost, .emptyScheme: return .invalidURL(String(describing: error))
            case .bodyLengthMismatch: return .truncated
            default: return .noResponse(String(describing: error))
            }
        }
        if let error = error as? NIOConnectionError {
            let reason = error.connectionErrors.first.map { String(describing: $0.error) } ?? "no address"
            return .notConnected(reason)
        }
        if error is SocketAddressError { return .notConnected("could not resolve the host") }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL:
                return .notConnected(String(cString: strerror(error.errnoCode)))
            default:
                return .noResponse(String(cString: strerror(error.errnoCode)))
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return .notConnected("connection timed out")
            default: return .noResponse(String(describing: error))
            }
        }
        if error is CancellationError { return .local("cancelled") }
        return .noResponse(String(describing: error))
    }

    /// What a parser error says about the bytes the server sent, in words.
    static func explain(_ error: HTTPParserError) -> String {
        switch error {
        case .strictModeAssertion, .invalidCharactersUsed, .lfExpected, .invalidHeaderToken, .invalidConstant:
            "a control character or stray byte in its status line or headers"
        case .invalidStatus: "its status line has no valid status code"
        case .invalidVersion: "its status line has no valid HTTP version"
        case .headerOverflow: "its headers are too large"
        case .invalidContentLength, .unexpectedContentLength: "its Content-Length is invalid"
        case .invalidChunkSize: "its chunked body is broken"
        default: "the parser stopped at \(error)"
        }
    }
}
