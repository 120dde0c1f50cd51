/// One message the sandbox sends over a ComfyUI WebSocket.
enum ComfyUISocketMessage: Sendable {
    case text(String)
    case binary([UInt8])
}
