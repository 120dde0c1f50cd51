import EaselCore
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// ComfyUI's WebSocket, `GET /comfyui/ws?clientId=ID` upgraded: a `status` message first, then
/// every message of the prompts queued under that client id, until the client goes. With
/// `SandboxOptions.comfyUIWebSocket` off the upgrade is refused, as a proxy without WebSocket
/// support would, so clients' polling fallback can be tested.
struct ComfyUISocketRoute: Sendable {
    let book: ComfyUIBook
    let enabled: Bool

    func register(on router: Router<BasicWebSocketRequestContext>) {
        let book = book
        let enabled = enabled
        router.ws("\(ComfyUIRoutes.prefix)/ws") { _, _ in
            enabled ? .upgrade([:]) : .dontUpgrade
        } onUpgrade: { inbound, outbound, context in
            let client = context.request.uri.queryParameters.get("clientId") ?? UUID().uuidString.lowercased()
            let (key, messages) = await book.connect(clientID: client)
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in messages {
                        switch message {
                        case .text(let text): try? await outbound.write(.text(text))
                        case .binary(let bytes): try? await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                        }
                    }
                }
                group.addTask {
                    // Read until the client closes; ComfyUI ignores what clients send.
                    var frames = inbound.makeAsyncIterator()
                    while (try? await frames.next()) != nil {}
                }
                await group.next()
                await book.disconnect(clientID: client, key: key)
                group.cancelAll()
            }
        }
    }
}
