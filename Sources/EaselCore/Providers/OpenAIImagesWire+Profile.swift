import EaselImage

extension OpenAIImagesWire {
    /// The generation request for the request's provider: OpenAI's request, adapted as the
    /// provider's profile says — the URL form (Azure's deployments or v1), the header the key
    /// travels in (`api-key` or bearer), and the `model` field (Azure's deployment; none for an
    /// open-models server's default, so the server picks).
    public static func createImage(endpoint: ProviderEndpoint, request: ResolvedRequest) -> OutgoingRequest {
        let provider = request.provider
        var outgoing = createImage(baseURL: endpoint.baseURL, apiKey: nil, request: request)
        var model: String? = request.model.id
        if provider.profile.route == .azure {
            let target = AzureOpenAIWire.generationTarget(endpoint: endpoint, model: request.model.id)
            outgoing.url = target.url
            model = target.model
        }
        if provider.isServerDefault(request.model.id) { model = nil }
        if model != request.model.id, let body = outgoing.body, case .object(var fields)? = JSONValue.parse(body) {
            fields["model"] = model.map(JSONValue.string)
            outgoing.body = Array(JSONValue.object(fields).jsonText.utf8)
        }
        if let credential = endpoint.credential {
            outgoing.headers.append(authorization(credential, keyHeader: provider.profile.keyHeader))
        }
        return outgoing
    }

    /// The header carrying a credential: a bearer token always as `Authorization`, a key where the
    /// provider expects keys.
    static func authorization(_ credential: Credential, keyHeader: ProviderProfile.KeyHeader) -> (String, String) {
        switch (keyHeader, credential.isBearerToken) {
        case (.apiKey, false): ("api-key", credential.secret)
        default: ("Authorization", "Bearer " + credential.secret)
        }
    }
}
