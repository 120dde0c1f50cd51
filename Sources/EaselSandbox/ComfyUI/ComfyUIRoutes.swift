import EaselCore
import EaselImage
import Foundation
import Hummingbird

/// ComfyUI's server API under `/comfyui` (wire notes §6.3): `POST /prompt` (checked like
/// ComfyUI's `validate_prompt`, see `ComfyUIPromptCheck`), `GET`/`POST /queue`, `POST /interrupt`,
/// `GET /history[/{id}]`, `GET /view`, `GET /object_info[/{class}]`, `POST /upload/image` and
/// `POST /upload/mask` (`ComfyUIUpload`).
/// The WebSocket is `ComfyUISocketRoute`. No key: a local ComfyUI has none.
struct ComfyUIRoutes: Sendable {
    let state: SandboxState
    let delay: Double
    static let prefix = "/comfyui"

    func register(on router: Router<SandboxRequestContext>) {
        let book = state.comfyUI
        let execution = ComfyUIExecution(book: book, delay: delay)
        let group = router.group(RouterPath(Self.prefix))
        group.post("prompt") { request, _ -> Response in
            var request = request
            await state.record("comfyui-prompt")
            let body = JSONValue.parse(Array(buffer: try await request.collectBody(upTo: 8 << 20)))
            if let body { await book.remember(body) }
            guard let body, body["prompt"] != nil else {
                return SandboxReply.json(.object([
                    "error": .object(["type": .string("no_prompt"), "message": .string("No prompt provided"), "details": .string("No prompt provided"), "extra_info": .object([:])]),
                    "node_errors": .object([:]),
                ]), status: .badRequest)
            }
            if let refusal = ComfyUIPromptCheck.refusal(body["prompt"], checkpoints: ComfyUIPromptCheck.checkpoints) {
                return SandboxReply.json(refusal, status: .badRequest)
            }
            if let refusal = await ComfyUIInputPainting.refusal(body["prompt"], book: book) {
                return SandboxReply.json(refusal, status: .badRequest)
            }
            var id = body["prompt_id"]?.stringValue ?? UUID().uuidString.lowercased()
            if await book.knows(id) { id = UUID().uuidString.lowercased() }
            var extra: [String: JSONValue] = [:]
            if case .object(let given)? = body["extra_data"] { extra = given }
            let client = body["client_id"]?.stringValue
            if let client { extra["client_id"] = .string(client) }
            let number = await book.enqueue(id: id, graph: body["prompt"] ?? .null, extraData: .object(extra), clientID: client) { prompt in
                await execution.run(prompt)
            }
            return SandboxReply.json(.object(["prompt_id": .string(id), "number": .int(number), "node_errors": .object([:])]))
        }
        group.get("queue") { _, _ in SandboxReply.json(await book.queueJSON()) }
        group.post("queue") { request, _ -> Response in
            var request = request
            let body = JSONValue.parse(Array(buffer: try await request.collectBody(upTo: 1 << 20)))
            let ids = body?["delete"]?.arrayValue?.compactMap(\.stringValue) ?? []
            await book.delete(ids, clear: body?["clear"]?.boolValue == true)
            return Response(status: .ok)
        }
        group.post("interrupt") { request, _ -> Response in
            var request = request
            await state.record("comfyui-interrupt")
            let body = JSONValue.parse(Array(buffer: try await request.collectBody(upTo: 1 << 20))) ?? .object([:])
            await book.interrupt(body)
            return Response(status: .ok)
        }
        group.get("history") { request, _ in
            SandboxReply.json(await book.historyJSON(id: nil, maxItems: request.uri.queryParameters.get("max_items").flatMap { Int($0) }))
        }
        group.get("history/:id") { _, context in
            SandboxReply.json(await book.historyJSON(id: context.parameters.get("id") ?? "", maxItems: nil))
        }
        group.get("view") { request, _ -> Response in
            await state.record("comfyui-view")
            let query = request.uri.queryParameters
            guard let name = query.get("filename"),
                let file = await book.file(name: name, subfolder: query.get("subfolder") ?? "", type: query.get("type") ?? "output")
            else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: file.contentType], body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
        group.get("object_info") { _, _ in SandboxReply.json(ComfyUIObjectInfo.all()) }
        group.get("object_info/:class") { _, context in
            SandboxReply.json(ComfyUIObjectInfo.one(context.parameters.get("class") ?? ""))
        }
        let upload = ComfyUIUpload(state: state, book: book)
        group.post("upload/image") { request, _ in try await upload.handle(request, mask: false) }
        group.post("upload/mask") { request, _ in try await upload.handle(request, mask: true) }
    }
}
