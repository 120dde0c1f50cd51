extension OpenAIImagesWire {
    /// `POST {base}/images/edits` or `/images/variations` as `multipart/form-data`: the model (as
    /// the provider's profile names it), the prompt (edits only), every setting the user chose, then
    /// the images — repeated `image[]` parts for GPT image models, one `image` for DALL·E 2 — and
    /// the mask. File parts are streamed from the files when the request is sent.
    public static func editRequest(
        endpoint: ProviderEndpoint, request: ResolvedRequest, images: [InputImage], mask: InputImage?,
        boundary: String = MultipartBuilder.newBoundary()
    ) -> OutgoingRequest {
        let provider = request.provider
        let path = request.operation == .variation ? "images/variations" : "images/edits"
        var url = AIClientWire.join(endpoint.baseURL, path)
        var model: String? = request.model.id
        if provider.profile.route == .azure {
            let target = AzureOpenAIWire.target(endpoint: endpoint, model: request.model.id, path: path)
            url = target.url
            model = target.model
        }
        if provider.isServerDefault(request.model.id) { model = nil }
        var form = MultipartBuilder(boundary: boundary)
        if let model { form.field("model", model) }
        if request.operation != .variation { form.field("prompt", request.foldedPrompt) }
        for (name, value) in request.wireFields(explicitOnly: true) {
            switch value {
            case .integer(let number): form.field(name, String(number))
            case .boolean(let flag): form.field(name, flag ? "true" : "false")
            case .text(let text): form.field(name, text)
            }
        }
        let field = request.model.operation(request.operation)?.inputs.field ?? "image"
        for image in images {
            form.file(field, filename: image.uploadName, contentType: image.contentType, path: image.source, length: image.bytes)
        }
        if let mask {
            form.file("mask", filename: mask.uploadName, contentType: mask.contentType, path: mask.source, length: mask.bytes)
        }
        let streaming = request[.stream] == .boolean(true)
        var headers: [(String, String)] = [
            ("Content-Type", form.contentType), ("Accept", streaming ? "text/event-stream" : "application/json"),
        ]
        if let credential = endpoint.credential {
            headers.append(authorization(credential, keyHeader: provider.profile.keyHeader))
        }
        var outgoing = OutgoingRequest(method: "POST", url: url, headers: headers, timeout: .seconds(600))
        outgoing.streamedBody = form.body()
        return outgoing
    }
}
