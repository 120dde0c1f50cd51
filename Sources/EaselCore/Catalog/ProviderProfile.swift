/// How a provider that speaks OpenAI's images wire differs from api.openai.com: where requests
/// go, how the key is presented, whether a key is needed at all, and whether it takes model names
/// the catalog does not list. Read from the provider's `profile` in `catalog.json`; a provider
/// without one is OpenAI itself.
public struct ProviderProfile: Sendable, Hashable, Codable {
    /// Where a generation request is sent and what its `model` field says.
    public enum Route: String, Sendable, Hashable, Codable {
        /// `{base}/images/generations`, `model` = the catalog's model id.
        case standard
        /// Azure OpenAI: `{endpoint}/openai/deployments/{deployment}/images/generations?api-version=…`
        /// when a dated API version is configured, else `{endpoint}/openai/v1/images/generations`;
        /// `model` = the deployment in both.
        case azure
    }

    /// The header a key travels in.
    public enum KeyHeader: String, Sendable, Hashable, Codable {
        /// `Authorization: Bearer KEY`.
        case bearer
        /// Azure's `api-key: KEY` (bearer tokens, such as Entra ID ones, still go as `Authorization`).
        case apiKey = "api-key"
    }

    public var route: Route
    public var keyHeader: KeyHeader
    /// False for servers that may run without authentication (LocalAI and the like).
    public var keyRequired: Bool
    /// True when any model name is accepted, checked by the rules of the default model. The
    /// default model then stands for "whatever the server uses": its id is never sent.
    public var openModels: Bool
    /// True for a backend on the user's own GPU (A1111, ComfyUI, sd.cpp): it runs one job at a
    /// time well, so the studio sends it one at a time unless the config says otherwise.
    public var local: Bool

    public init(
        route: Route = .standard, keyHeader: KeyHeader = .bearer, keyRequired: Bool = true, openModels: Bool = false,
        local: Bool = false
    ) {
        self.route = route
        self.keyHeader = keyHeader
        self.keyRequired = keyRequired
        self.openModels = openModels
        self.local = local
    }

    /// OpenAI's own: bearer key, plain URL, listed models only.
    public static let standard = ProviderProfile()

    enum CodingKeys: String, CodingKey {
        case route, keyHeader, keyRequired, openModels, local
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        route = try container.decodeIfPresent(Route.self, forKey: .route) ?? .standard
        keyHeader = try container.decodeIfPresent(KeyHeader.self, forKey: .keyHeader) ?? .bearer
        keyRequired = try container.decodeIfPresent(Bool.self, forKey: .keyRequired) ?? true
        openModels = try container.decodeIfPresent(Bool.self, forKey: .openModels) ?? false
        local = try container.decodeIfPresent(Bool.self, forKey: .local) ?? false
    }
}
