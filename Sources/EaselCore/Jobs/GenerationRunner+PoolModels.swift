extension GenerationRunner {
    /// The servers of `endpoint`'s pool that do not have the checkpoint `request` names, by the
    /// lists they give (A1111's `sd-models`, ComfyUI's `object_info`), asked once per server
    /// every few minutes. A server whose list cannot be had is not left out (it may well have
    /// it; sending there fails clearly if not); a request that names no checkpoint leaves none out.
    func serversLacking(_ request: ResolvedRequest, endpoint: ProviderEndpoint) async -> Set<String> {
        guard let wanted = request[.checkpoint]?.textValue, !wanted.isEmpty,
            [.a1111, .comfyUI].contains(request.provider.wire)
        else { return [] }
        var lacking: Set<String> = []
        for server in Set(endpoint.servers) {
            guard let names = await checkpoints(on: server, request: request, endpoint: endpoint) else { continue }
            if !names.contains(where: { Self.names(wanted, $0) }) { lacking.insert(server) }
        }
        return lacking
    }

    /// A server's checkpoints, from the pools' memory or asked now; nil when it cannot say.
    private func checkpoints(on server: String, request: ResolvedRequest, endpoint: ProviderEndpoint) async -> [String]? {
        if let known = pools.knownCheckpoints(of: server) { return known }
        let target = endpoint.serving(server)
        let names: [String]?
        switch request.provider.wire {
        case .a1111:
            names = (try? await ServerChoices.fetchA1111(endpoint: target, sender: sender))?.values[.checkpoint]
        case .comfyUI:
            names = (try? await comfyGet("object_info/CheckpointLoaderSimple", endpoint: target)).map { ComfyUIWire.checkpoints($0.body) }
        default:
            names = nil
        }
        if let names { pools.remember(checkpoints: names, of: server) }
        return names
    }

    /// Whether `listed` (a title such as `sd_xl_base_1.0.safetensors [31e35c80fc]`, or a file
    /// name) is the checkpoint a user called `wanted` (the title, the file name, or the name
    /// without its extension, as the web UIs accept).
    public static func names(_ wanted: String, _ listed: String) -> Bool {
        if listed == wanted { return true }
        let file = listed.split(separator: " [").first.map(String.init) ?? listed
        let stem = file.split(separator: "/").last.map(String.init) ?? file
        func dropExtension(_ name: String) -> String {
            guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return name }
            return String(name[..<dot])
        }
        return [file, stem, dropExtension(file), dropExtension(stem)].contains(wanted)
    }
}
