import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// ComfyUI's `POST /upload/image` and `POST /upload/mask`, as strict as the sandbox can be:
/// a well-formed multipart body whose fields are only `image` (a file that decodes as a
/// picture), `type`, `subfolder`, `overwrite` and, for a mask, `original_ref`. Like ComfyUI,
/// a name taken by other bytes gets ` (1)` unless `overwrite` is true, and the same bytes
/// again reuse the file. `/upload/mask` copies the upload's alpha into the picture
/// `original_ref` names (which must exist and be the same size — ComfyUI's PIL would fail
/// otherwise) and saves the result under the uploaded name. What arrived is kept for tests as
/// `comfyui-upload-image` / `comfyui-upload-mask`.
struct ComfyUIUpload: Sendable {
    let state: SandboxState
    let book: ComfyUIBook

    static let imageFields: Set<String> = ["image", "type", "subfolder", "overwrite"]

    func handle(_ request: Request, mask: Bool) async throws -> Response {
        let route = mask ? "comfyui-upload-mask" : "comfyui-upload-image"
        await state.record(route)
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: 64 << 20))
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? ""),
            let parts = SandboxMultipart.decode(body, boundary: boundary)
        else {
            await state.remember(SandboxImagesRequest.received(request, route: route, body: nil))
            return refuse("not a multipart/form-data body")
        }
        await state.remember(SandboxImagesRequest.received(request, route: route, body: SandboxEditRoute.summary(parts)))
        let allowed = mask ? Self.imageFields.union(["original_ref"]) : Self.imageFields
        if let unknown = parts.first(where: { !allowed.contains($0.name) }) { return refuse("unknown field \(unknown.name)") }
        guard let file = parts.first(where: { $0.name == "image" }), let filename = file.filename, !file.bytes.isEmpty else {
            return refuse("no image file")
        }
        func field(_ name: String) -> String? { parts.first { $0.name == name && !$0.isFile }?.text }
        let type = field("type") ?? "input"
        guard ["input", "temp", "output"].contains(type) else { return refuse("type must be input, temp or output") }
        let subfolder = field("subfolder") ?? ""
        guard Self.isSafe(subfolder, allowEmpty: true) else { return refuse("unsafe subfolder") }
        // The base name in safe characters, so a test can name the file it will find.
        let reduced = String(filename.split(separator: "/").last ?? "").filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
        let name = reduced.isEmpty || reduced.hasPrefix(".") ? "upload.png" : reduced
        let picture: RGBAImage
        do {
            picture = try ImageDecoder.decode(file.bytes).image
        } catch {
            return refuse("image does not decode: \(error)")
        }
        var bytes = file.bytes
        if mask {
            guard let reference = field("original_ref").flatMap({ JSONValue.parse(Array($0.utf8)) }),
                let original = reference["filename"]?.stringValue
            else { return refuse("original_ref must be JSON naming the filename") }
            guard let stored = await book.file(
                name: original, subfolder: reference["subfolder"]?.stringValue ?? "", type: reference["type"]?.stringValue ?? "output"),
                let base = try? ImageDecoder.decode(stored.bytes).image
            else { return refuse("original_ref names no uploaded picture") }
            guard base.width == picture.width, base.height == picture.height else {
                return refuse("the mask is \(picture.width)x\(picture.height) but the picture is \(base.width)x\(base.height)")
            }
            var merged = base
            for index in 0..<(merged.width * merged.height) { merged.pixels[index * 4 + 3] = picture.pixels[index * 4 + 3] }
            guard let encoded = try? PNGEncoder.encode(rgba: merged) else { return refuse("could not save the merged picture") }
            bytes = encoded
        }
        let overwrite = ["true", "1"].contains(field("overwrite") ?? "")
        var saved = name
        if !overwrite {
            var counter = 1
            while let existing = await book.file(name: saved, subfolder: subfolder, type: type), existing.bytes != bytes {
                let stem = (name as NSString).deletingPathExtension
                let ext = (name as NSString).pathExtension
                saved = "\(stem) (\(counter))" + (ext.isEmpty ? "" : "." + ext)
                counter += 1
            }
        }
        await book.store(SandboxFile(bytes: bytes, contentType: file.contentType ?? "image/png"), name: saved, subfolder: subfolder, type: type)
        return SandboxReply.json(.object(["name": .string(saved), "subfolder": .string(subfolder), "type": .string(type)]))
    }

    /// ComfyUI answers a bad upload with a bare 400; the sandbox adds the reason as text.
    private func refuse(_ reason: String) -> Response {
        Response(status: .badRequest, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: reason)))
    }

    static func isSafe(_ name: String, allowEmpty: Bool) -> Bool {
        if name.isEmpty { return allowEmpty }
        return name.utf8.count <= 255 && !name.hasPrefix("/") && !name.split(separator: "/").contains("..")
            && name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }
}
