import EaselImage

extension ComfyUIWire {
    /// Where an uploaded file landed: the `{name, subfolder, type}` `/upload/image` and
    /// `/upload/mask` answer, and what a LoadImage node's `image` input then names.
    public struct Uploaded: Sendable, Hashable {
        public var name: String
        public var subfolder: String
        public var type: String

        public init(name: String, subfolder: String = "", type: String = "input") {
            self.name = name
            self.subfolder = subfolder
            self.type = type
        }

        /// LoadImage's `image` value: `subfolder/name` (ComfyUI's own editor writes it so).
        public var loadName: String { subfolder.isEmpty ? name : subfolder + "/" + name }

        /// `/upload/mask`'s `original_ref`: the uploaded image the mask's alpha goes into.
        var reference: JSONValue {
            .object(["filename": .string(name), "subfolder": .string(subfolder), "type": .string(type)])
        }
    }

    /// The name an input travels under: `easel-` and the first 16 hex digits of its SHA-256,
    /// so the same picture is the same file on the server and re-sending it (overwrite) is
    /// harmless; the extension is the one its bytes call for.
    public static func uploadName(for image: InputImage, suffix: String = "") -> String {
        "easel-" + String(image.sha256.prefix(16)) + suffix + "." + image.format.fileExtension
    }

    /// `POST /upload/image` as multipart/form-data: the `image` file (streamed from the kept
    /// copy), `type=input`, `subfolder` and `overwrite=true`.
    public static func uploadImage(
        baseURL: String, credential: Credential?, image: InputImage, name: String, subfolder: String = "",
        boundary: String = MultipartBuilder.newBoundary()
    ) -> OutgoingRequest {
        var form = MultipartBuilder(boundary: boundary)
        form.file("image", filename: name, contentType: image.contentType, path: image.source, length: image.bytes)
        form.field("type", "input")
        form.field("subfolder", subfolder)
        form.field("overwrite", "true")
        return upload("upload/image", form: form, baseURL: baseURL, credential: credential)
    }

    /// `POST /upload/mask`: ComfyUI copies the uploaded file's alpha into the picture
    /// `original_ref` names and saves the result as the uploaded name; LoadImage then gives that
    /// file's MASK as 1 − alpha. Easel's masks are transparent where to repaint, so they go as
    /// they are (DECISIONS: "ComfyUI masks travel as alpha").
    public static func uploadMask(
        baseURL: String, credential: Credential?, mask: InputImage, name: String, original: Uploaded,
        boundary: String = MultipartBuilder.newBoundary()
    ) -> OutgoingRequest {
        var form = MultipartBuilder(boundary: boundary)
        form.file("image", filename: name, contentType: mask.contentType, path: mask.source, length: mask.bytes)
        form.field("original_ref", original.reference.jsonText)
        form.field("type", original.type)
        form.field("subfolder", original.subfolder)
        form.field("overwrite", "true")
        return upload("upload/mask", form: form, baseURL: baseURL, credential: credential)
    }

    private static func upload(_ path: String, form: MultipartBuilder, baseURL: String, credential: Credential?) -> OutgoingRequest {
        var headers = [("Content-Type", form.contentType), ("Accept", "application/json")]
        if let secret = credential?.secret, !secret.isEmpty { headers.append(("Authorization", "Bearer " + secret)) }
        var outgoing = OutgoingRequest(method: "POST", url: AIClientWire.join(baseURL, path), headers: headers, timeout: .seconds(300))
        outgoing.streamedBody = form.body()
        return outgoing
    }

    /// The `{name, subfolder, type}` of an accepted upload; nil when the reply is not one or
    /// names a file Easel would not put into a graph.
    public static func decodeUploaded(_ body: [UInt8]) -> Uploaded? {
        guard let reply = JSONValue.parse(body), let name = reply["name"]?.stringValue, isSafeFileName(name) else { return nil }
        let subfolder = reply["subfolder"]?.stringValue ?? ""
        guard subfolder.isEmpty || isSafeFileName(subfolder) else { return nil }
        return Uploaded(name: name, subfolder: subfolder, type: reply["type"]?.stringValue ?? "input")
    }

    /// Printable, no parent-directory steps or leading slash, ≤ 255 bytes.
    static func isSafeFileName(_ name: String) -> Bool {
        (1...255).contains(name.utf8.count) && !name.hasPrefix("/") && !name.split(separator: "/").contains("..")
            && name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }
}
