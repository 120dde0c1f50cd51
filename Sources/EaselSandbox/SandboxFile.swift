/// An image the sandbox serves under `/storage/…`.
struct SandboxFile: Sendable {
    var bytes: [UInt8]
    var contentType: String
}
