import EaselCore
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// `easel sandbox --faults PLAN`: makes requests fail as the plan says (see `FaultPlan`), and
/// counts the POSTs that reached their handler per job tag in `SandboxStats`.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let plan: FaultPlan
    let stats: SandboxStats
    private let random: NIOLockedValueBox<SplitMix64>

    init(plan: FaultPlan, seed: UInt64, stats: SandboxStats) {
        self.plan = plan
        self.stats = stats
        random = NIOLockedValueBox(SplitMix64(seed: seed))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/_sandbox") { return try await next(request, context) }
        var request = request
        var tag: String?
        if request.method == .post {
            let body = try await request.collectBody(upTo: 256 << 20)
            tag = SandboxStats.tag(in: Array(body.readableBytesView))
        }
        let draw = random.withLockedValue { ($0.unit(), $0.next()) }
        let fault = plan.applies(to: path) ? plan.fault(at: draw.0) : nil
        await stats.request(fault: fault)
        switch fault {
        case .tooManyRequests?:
            return Self.failure(.tooManyRequests, "rate limited (the sandbox's fault plan)", retryAfter: "1")
        case .serverError?:
            let status: HTTPResponse.Status = [.internalServerError, .badGateway, .serviceUnavailable][Int(draw.1 % 3)]
            return Self.failure(status, "server error (the sandbox's fault plan)", retryAfter: nil)
        case .resetBefore?:
            await Self.reset(context.channel)
            return Response(status: .internalServerError)
        default:
            break
        }
        let response = try await next(request, context)
        if let tag {
            await stats.handled(tag: tag, path: path, accepted: SandboxStats.isGeneration(path) && response.status.kind == .successful)
        }
        switch fault {
        case .resetAfter?:
            await Self.reset(context.channel)
            return response
        case .stall?:
            try await Task.sleep(for: .milliseconds(Int(plan.stallSeconds * 1000)))
            return response
        case .truncate?:
            let collector = BodyCollector()
            try await response.body.write(collector)
            let bytes = collector.bytes
            let channel = context.channel
            var truncated = response
            truncated.body = ResponseBody(contentLength: bytes.count) { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(bytes.count / 2)))
                await Self.reset(channel)
                throw CancellationError()
            }
            return truncated
        case .badJSON?:
            guard response.status.kind == .successful else { return response }
            var broken = response
            broken.headers[.contentType] = "application/json"
            broken.body = ResponseBody(byteBuffer: ByteBuffer(string: #"{"created": 17, "data": [{"url": "http://127.0.0.1:1/x", "b64_json": tru"#))
            return broken
        default:
            return response
        }
    }

    /// A JSON failure every provider's error reader can take (`error.message` and `message`).
    static func failure(_ status: HTTPResponse.Status, _ message: String, retryAfter: String?) -> Response {
        var response = SandboxReply.json(
            .object(["error": .object(["message": .string(message), "type": .string("sandbox_fault")]), "message": .string(message)]),
            status: status)
        if let retryAfter { response.headers[.retryAfter] = retryAfter }
        return response
    }

    /// Closes the connection with a reset (SO_LINGER 0), as a dropped link or a crashed proxy would.
    static func reset(_ channel: any Channel) async {
        if let socket = channel as? any SocketOptionProvider {
            _ = try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        _ = try? await channel.close().get()
    }
}
