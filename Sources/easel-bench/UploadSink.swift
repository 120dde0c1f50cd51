import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A bare HTTP/1.1 server on 127.0.0.1 that reads each request's body (by `Content-Length`),
/// throws it away and answers with a tiny `ImagesResponse`: the far end of the upload benchmark,
/// so what is measured is Easel's sending, not a server's parsing.
final class UploadSink: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    /// Bytes of bodies received, across requests (written by the accept thread only).
    private(set) var received = 0

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 8) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in serve() }
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var buffer = [UInt8](repeating: 0, count: 256 << 10)
        var head: [UInt8] = []
        var bodyStart = 0
        while true {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            head += buffer[0..<count]
            if let end = head.firstRange(of: [13, 10, 13, 10]) {
                bodyStart = end.upperBound
                break
            }
        }
        let text = String(decoding: head[0..<bodyStart], as: UTF8.self).lowercased()
        let declared = text.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        var remaining = declared - (head.count - bodyStart)
        if text.contains("expect: 100-continue") {
            let go = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
            _ = write(connection, go, go.count)
        }
        while remaining > 0 {
            let count = read(connection, &buffer, min(buffer.count, remaining))
            guard count > 0 else { return }
            remaining -= count
        }
        received += declared
        let body = #"{"created":0,"data":[]}"#
        let reply = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)".utf8)
        _ = write(connection, reply, reply.count)
    }
}
