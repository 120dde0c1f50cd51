/// Azure OpenAI's two URL forms for image generation. Everything else — the JSON body, the
/// replies — is OpenAI's (`OpenAIImagesWire`); the content filter is `AzureContentFilter`.
public enum AzureOpenAIWire {
    /// Where a generation goes and what its `model` field says. With a dated API version:
    /// `{endpoint}/openai/deployments/{deployment}/images/generations?api-version={version}`;
    /// without one (or with `v1`): `{endpoint}/openai/v1/images/generations`. `model` is the
    /// deployment in both (the deployment decides the model; the official SDK sends it so too).
    public static func generationTarget(endpoint: ProviderEndpoint, model: String) -> (url: String, model: String) {
        target(endpoint: endpoint, model: model, path: "images/generations")
    }

    /// The same two forms for any images route (`images/generations`, `images/edits`).
    public static func target(endpoint: ProviderEndpoint, model: String, path: String) -> (url: String, model: String) {
        let deployment = endpoint.deployment ?? model
        let root = resourceRoot(endpoint.baseURL)
        if let version = endpoint.apiVersion, version != "v1" {
            let url = root + "/openai/deployments/" + AIClientWire.pathSegment(deployment)
                + "/" + path + "?api-version=" + FormEncoding.escape(version)
            return (url, deployment)
        }
        return (root + "/openai/v1/" + path, deployment)
    }

    /// The resource endpoint without a trailing slash or an `/openai` or `/openai/v1` suffix, so
    /// `AZURE_OPENAI_ENDPOINT` may be given the way the portal shows it or as the v1 base URL.
    static func resourceRoot(_ base: String) -> String {
        var root = base
        while root.hasSuffix("/") { root.removeLast() }
        for suffix in ["/openai/v1", "/openai"] where root.lowercased().hasSuffix(suffix) {
            root.removeLast(suffix.count)
            break
        }
        return root
    }
}
