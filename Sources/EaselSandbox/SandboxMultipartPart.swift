/// One part of a `multipart/form-data` body as the sandbox read it: its field name, the
/// filename and content type for file parts, and its bytes.
struct SandboxMultipartPart: Sendable {
    var name: String
    var filename: String?
    var contentType: String?
    var bytes: [UInt8]

    var isFile: Bool { filename != nil }
    var text: String? { String(validating: bytes, as: UTF8.self) }
}
