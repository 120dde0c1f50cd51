/// The name of a provider as `--provider` and the catalog spell it.
public struct ProviderID: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static let aiClient: ProviderID = "ai-client"
    public static let openAI: ProviderID = "openai"
    public static let azure: ProviderID = "azure"
    public static let aimlAPI: ProviderID = "aimlapi"
    public static let compatible: ProviderID = "compatible"
    public static let aceData: ProviderID = "acedata"
    /// AUTOMATIC1111's web UI API (`/sdapi/v1`), also served by Forge, SD.Next and others.
    public static let a1111: ProviderID = "a1111"
    /// ComfyUI's server API: a workflow graph queued with `/prompt`, progress over a WebSocket.
    public static let comfyUI: ProviderID = "comfyui"
    /// stable-diffusion.cpp's `sd-server` native async API (`/sdcpp/v1`).
    public static let sdcpp: ProviderID = "sdcpp"
}
