import Foundation

extension EaselConfig {
    /// The environment variable holding a provider's key, for messages ("set …").
    public static func keyVariable(for provider: ProviderID) -> String? { variables[provider]?.key }

    /// The environment variable holding a provider's base URL (Azure: its endpoint).
    public static func baseURLVariable(for provider: ProviderID) -> String? { variables[provider]?.baseURL }

    /// Whether the provider can be reached as configured: it has a key (or needs none) and a base
    /// URL (its own, or the catalog's default).
    public func isConfigured(_ provider: ProviderID) -> Bool { missingVariable(provider) == nil }

    /// What is missing to reach `provider`, as the environment variable to set; nil when nothing is.
    public func missingVariable(_ provider: ProviderID) -> String? {
        let entry = Catalog.bundled.provider(provider)
        let settings = providers[provider]
        if settings?.credential == nil, entry?.profile.keyRequired ?? true {
            return Self.keyVariable(for: provider) ?? "api_key under [\(provider)] in the config file"
        }
        if (settings?.baseURL ?? settings?.urls.first ?? entry?.defaultBaseURL ?? "").isEmpty {
            return Self.baseURLVariable(for: provider) ?? "base_url under [\(provider)] in the config file"
        }
        return nil
    }

    /// True when any provider has a key or can be reached without one: otherwise Easel runs on
    /// its sandbox. (A key without its endpoint still counts: the user meant that provider, and
    /// is better told what is missing than moved to the sandbox.)
    public var hasAnyProvider: Bool { hasAnyCredential || providers.keys.contains { isConfigured($0) } }

    /// The provider used when none is named: the config file's, else the first configured one in
    /// catalog order, else the first with a key, else ai-client.
    public var defaultProvider: ProviderID {
        if let provider { return provider }
        let known = Catalog.bundled.providers.map(\.id)
        return known.first { isConfigured($0) } ?? known.first { providers[$0]?.credential != nil } ?? .aiClient
    }

    /// Where and as whom to reach `provider`: flags (`baseURL`, `deployment`, `apiVersion`) over
    /// the environment over the config file over the catalog's default base URL. Nothing is sent
    /// when a required piece is missing or malformed.
    public func endpoint(
        for provider: ProviderEntry, baseURL flagBaseURL: String? = nil, deployment flagDeployment: String? = nil,
        apiVersion flagAPIVersion: String? = nil
    ) throws(GenerationError) -> ProviderEndpoint {
        let settings = providers[provider.id]
        let id = provider.id
        // A pool is the config's; a base URL given by flag or environment stands alone.
        let pool = flagBaseURL == nil && settings?.baseURL == nil ? settings?.urls ?? [] : []
        let base = flagBaseURL ?? settings?.baseURL ?? pool.first ?? provider.defaultBaseURL
        let baseVariable = Self.baseURLVariable(for: id).map { "\($0), " } ?? ""
        guard !base.isEmpty else {
            let what = provider.profile.route == .azure ? "an endpoint (https://RESOURCE.openai.azure.com)" : "a base URL"
            throw .configuration("\(id) needs \(what): set \(baseVariable)base_url under [\(id)] in the config file, or --base-url")
        }
        for candidate in pool.isEmpty ? [base] : pool {
            guard let url = URLComponents(string: candidate), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false
            else {
                throw .configuration("\(id): base URL \(TerminalText.oneLine(candidate, limit: 120)) is not an http:// or https:// URL")
            }
        }
        let credential = settings?.credential
        if credential == nil, provider.profile.keyRequired {
            let variable = Self.keyVariable(for: id).map { "set \($0)" } ?? "add api_key under [\(id)] in the config file"
            throw .configuration("\(id) needs a key: \(variable) (or use --sandbox)")
        }
        let deployment = flagDeployment ?? settings?.deployment
        if let deployment, !Self.isDeploymentName(deployment) {
            throw .configuration(
                "\(id): deployment \"\(TerminalText.oneLine(deployment, limit: 80))\" is not a deployment name (letters, digits, -, _ and . only, at most 64)")
        }
        let apiVersion = flagAPIVersion ?? settings?.apiVersion
        if let apiVersion, !Self.isAPIVersion(apiVersion) {
            throw .configuration(
                "\(id): API version \"\(TerminalText.oneLine(apiVersion, limit: 80))\" is not one (expected YYYY-MM-DD, YYYY-MM-DD-preview or v1)")
        }
        var endpoint = ProviderEndpoint(provider: id, baseURL: base, credential: credential, deployment: deployment, apiVersion: apiVersion)
        endpoint.servers = pool.isEmpty ? [base] : pool
        endpoint.perServerLimit = concurrency(for: id)
        return endpoint
    }

    /// Azure's rule for deployment names, which also keeps them safe in a URL path.
    static func isDeploymentName(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
            && name != "." && name != ".."
    }

    /// A dated Azure API version or the v1 API.
    static func isAPIVersion(_ text: String) -> Bool {
        text == "v1" || text.wholeMatch(of: /\d{4}-\d{2}-\d{2}(-preview)?/) != nil
    }

    /// Azure's environment beyond a key and an endpoint: `OPENAI_API_VERSION` (the name the
    /// official SDKs read) and `AZURE_OPENAI_AD_TOKEN`, an Entra ID bearer token used when no
    /// key is set in the environment.
    mutating func applyAzureEnvironment(_ environment: [String: String]) {
        var settings = providers[.azure] ?? ProviderSettings()
        if let version = environment["OPENAI_API_VERSION"], !version.isEmpty { settings.apiVersion = version }
        if environment["AZURE_OPENAI_API_KEY"]?.isEmpty != false, let token = environment["AZURE_OPENAI_AD_TOKEN"], !token.isEmpty {
            settings.credential = Credential(secret: token, source: "AZURE_OPENAI_AD_TOKEN", isBearerToken: true)
        }
        providers[.azure] = settings
    }
}
