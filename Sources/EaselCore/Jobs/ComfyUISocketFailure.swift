/// Why a ComfyUI WebSocket could not be used, in words.
public struct ComfyUISocketFailure: Error, Sendable, Hashable {
    public var reason: String
}
