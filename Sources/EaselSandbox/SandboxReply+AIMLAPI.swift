import EaselCore
import Foundation
import Hummingbird

extension SandboxReply {
    /// AI/ML API's error: `{message, path, requestId, statusCode, timestamp}`.
    static func aimlAPI(_ status: HTTPResponse.Status, _ message: String, path: String) -> Response {
        json(
            .object([
                "message": .string(message), "path": .string(path), "requestId": .string(UUID().uuidString.lowercased()),
                "statusCode": .int(status.code), "timestamp": .string(ISO8601DateFormatter().string(from: Date())),
            ]), status: status)
    }
}
