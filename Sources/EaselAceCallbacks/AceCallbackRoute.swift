import EaselCore
import Foundation
import Hummingbird
import Synchronization

/// The one route of `AceCallbackReceiver`: checks the address's trace and secret, then the body,
/// then hands the callback to its job. It owns the book of awaited tasks the receiver fills.
final class AceCallbackRoute: Sendable {
    let book = Mutex(AceCallbackBook())
    let maxBodyBytes: Int

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    @Sendable func answer(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (trace, secret) = AceCallbackAddress.credentials(inQuery: request.uri.query ?? "")
        guard let trace, let secret else {
            return Self.reply(.unauthorized, #"{"error":"the callback address lacks its trace and secret"}"#)
        }
        // An unknown trace and a wrong secret get the same answer, so neither can be probed.
        guard book.withLock({ $0.verifies(trace: trace, secret: secret) }) else {
            return Self.reply(.notFound, #"{"error":"no such task is awaited here"}"#)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            return Self.reply(.contentTooLarge, #"{"error":"the callback is too large"}"#)
        }
        guard let delivery = AceDataWire.decodeCallback(Array(buffer: body)) else {
            return Self.reply(.badRequest, #"{"error":"not an Ace Data Cloud task callback"}"#)
        }
        guard AceCallbackAddress.matches(delivery.task.traceID, trace) else {
            return Self.reply(.badRequest, #"{"error":"the callback's trace_id is not its address's"}"#)
        }
        let (verdict, woken) = book.withLock { $0.deliver(delivery) }
        for continuation in woken { continuation.resume(returning: delivery) }
        switch verdict {
        case .accepted: return Self.reply(.ok, #"{"received":true}"#)
        case .ignored: return Self.reply(.ok, #"{"received":true,"ignored":true}"#)
        case .unknown: return Self.reply(.notFound, #"{"error":"no such task is awaited here"}"#)
        }
    }

    private static func reply(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
